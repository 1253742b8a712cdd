package dev.llmos.app.server;

import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.sim.arena.Arena;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The dashboard's live run: one at a time, on its own thread, paused, resumed, sped up and stopped
 * through its {@link RunControl}. A finished run stays here (with its summary) until the next
 * starts.
 */
final class LiveRuns implements AutoCloseable {
  /** A run's state, the {@code run} message of docs/api.md. */
  record RunState(
      String type,
      String id,
      String agent,
      String arena,
      long seed,
      String state,
      double speed,
      double durationS,
      double timeS,
      long tick,
      String outcome,
      RunSummary summary) {}

  /** One run the dashboard started or was given. */
  static final class Live {
    private final RunStarter.Prepared run;
    private final RunControl control;
    private final LiveFeed feed;
    private final CompletableFuture<RunSummary> done = new CompletableFuture<>();

    /** Set when the run has ended, before {@link #done} completes: see {@link #start}. */
    private volatile boolean ended;

    private volatile RunSummary summary;
    private volatile Throwable failure;

    private Live(RunStarter.Prepared run) {
      this.run = run;
      this.control = new RunControl(run.speed());
      this.feed =
          new LiveFeed(
              run.runId(), Math.max(0, (long) Math.ceil(run.durationS() / 0.1) - 1), control);
    }

    String id() {
      return run.runId();
    }

    Arena arena() {
      return run.arena();
    }

    LiveFeed feed() {
      return feed;
    }

    RunControl control() {
      return control;
    }

    boolean finished() {
      return ended;
    }

    /** Completes with the summary, or exceptionally when the run failed. */
    CompletableFuture<RunSummary> done() {
      return done;
    }

    RunState state() {
      String state;
      String outcome = null;
      if (ended) {
        state = "finished";
        outcome = failure != null ? "failed: " + describe(failure) : summary.outcome();
      } else {
        state = control.isStopped() ? "stopping" : control.isPaused() ? "paused" : "running";
      }
      return new RunState(
          "run",
          run.runId(),
          run.agent(),
          run.arena().name(),
          run.seed(),
          state,
          control.speed(),
          run.durationS(),
          feed.timeS(),
          feed.tick(),
          outcome,
          ended ? summary : null);
    }

    private static String describe(Throwable e) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * Ends the run: its state says so and everyone is told before anyone waiting wakes. Under the
     * lock of {@code runs}, so that no older state of the run is published after its end.
     */
    private void end(RunSummary result, Throwable failed, LiveRuns runs) {
      try {
        synchronized (runs) {
          summary = result;
          failure = failed;
          ended = true;
          runs.changed.accept(this, state());
        }
      } finally {
        if (failed == null) {
          done.complete(result);
        } else {
          done.completeExceptionally(failed);
        }
      }
    }
  }

  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "llmos-live-run");
            t.setDaemon(true);
            return t;
          });
  private final BiConsumer<Live, RunState> changed;
  private volatile Live current;

  /**
   * @param changed hears every change of a run's state (started, paused, resumed, speed, finished)
   */
  LiveRuns(BiConsumer<Live, RunState> changed) {
    this.changed = changed;
  }

  /** The live run, or the one that finished last. */
  Optional<Live> current() {
    return Optional.ofNullable(current);
  }

  /** The run that is going now. */
  Optional<Live> live() {
    Live c = current;
    return c == null || c.finished() ? Optional.empty() : Optional.of(c);
  }

  /**
   * Starts a prepared run on the run thread.
   *
   * @throws ApiException 409 while another run is live
   */
  synchronized Live start(RunStarter.Prepared prepared) {
    Optional<Live> going = live();
    if (going.isPresent()) {
      throw ApiException.conflict(
          "run "
              + going.get().id()
              + " is live; stop it first (POST /api/runs/"
              + going.get().id()
              + "/stop)");
    }
    Live run = new Live(prepared);
    current = run;
    changed.accept(run, run.state());
    var unused =
        runner.submit(
            () -> {
              try {
                run.end(prepared.launch().run(run.control, run.feed), null, this);
              } catch (InterruptedException e) {
                run.end(null, e, this);
                Thread.currentThread().interrupt();
              } catch (Exception | Error e) {
                run.end(null, e, this);
              }
            });
    return run;
  }

  /** The live run of that id; 404 when no run has that id live, 409 when it has finished. */
  Live require(String id) {
    Live c = current;
    if (c == null || !c.id().equals(id)) {
      throw ApiException.notFound(
          "no live run named '" + id + "'" + (c == null ? "" : "; the live run is " + c.id()));
    }
    if (c.finished()) {
      throw ApiException.conflict("run " + id + " has finished");
    }
    return c;
  }

  RunState pause(String id) {
    Live run = require(id);
    run.control.pause();
    return announce(run);
  }

  RunState resume(String id) {
    Live run = require(id);
    run.control.resume();
    return announce(run);
  }

  RunState stop(String id) {
    Live run = require(id);
    run.control.stop();
    return announce(run);
  }

  RunState speed(String id, double speed) {
    Live run = require(id);
    run.control.setSpeed(speed);
    return announce(run);
  }

  /** Publishes under the lock {@link Live#end} takes: a run's states go out in order. */
  private synchronized RunState announce(Live run) {
    RunState state = run.state();
    changed.accept(run, state);
    return state;
  }

  /** Stops the live run and waits a little for it to record its end. */
  @Override
  public void close() {
    live().ifPresent(run -> run.control.stop());
    runner.shutdown();
    try {
      if (!runner.awaitTermination(5, TimeUnit.SECONDS)) {
        runner.shutdownNow();
      }
    } catch (InterruptedException e) {
      runner.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
