package dev.llmos.runtime.planner;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link Planner} on its own thread so that it never holds up a control tick: the control
 * loop submits a request and carries on, and picks the plan up on a later tick. One request is in
 * flight at a time; the loop asks again once the answer is in.
 *
 * <p>Delivery: on a real robot a plan is picked up on the first tick after it is done. A lockstep
 * simulation runs faster than real time, so "done by the next tick" would depend on the host's
 * scheduler and runs would not repeat; there a plan is delivered a fixed number of ticks after the
 * request (robot time), and the loop waits for it at that tick if it is not done yet. That wait is
 * an artefact of simulating faster than real time and is reported apart from the tick's own work.
 */
public final class AsyncPlanner implements AutoCloseable {
  private final Planner planner;
  private final OptionalInt deliveryTicks;
  private final Duration timeout;
  private ExecutorService thread;
  private long submittedNanos;
  private PlanRequest pending;
  private CompletableFuture<Plan> answer;
  private double lastWaitMs;

  /**
   * @param planner the planner to run
   * @param deliveryTicks for lockstep runs, the ticks after a request at which its plan is
   *     delivered; empty to deliver as soon as it is done
   * @param timeout how long a plan may take (wall time); past it the request fails
   */
  public AsyncPlanner(Planner planner, OptionalInt deliveryTicks, Duration timeout) {
    if (deliveryTicks.isPresent() && deliveryTicks.getAsInt() < 1) {
      throw new IllegalArgumentException("plans are delivered 1 tick or more after the request");
    }
    this.planner = planner;
    this.deliveryTicks = deliveryTicks;
    this.timeout = timeout;
    this.thread = newThread();
  }

  private static ExecutorService newThread() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "llmos-planner");
          t.setDaemon(true);
          return t;
        });
  }

  /** Whether a request is out. */
  public boolean busy() {
    return pending != null;
  }

  /**
   * Sends a request to the planner thread.
   *
   * @return false, and nothing sent, while another request is out
   * @throws java.util.concurrent.RejectedExecutionException after {@link #close}
   */
  public boolean submit(PlanRequest request) {
    if (pending != null) {
      return false;
    }
    // Out only once the thread took it: a refused hand-over (after close) leaves nothing pending.
    answer = CompletableFuture.supplyAsync(() -> run(request), thread);
    submittedNanos = System.nanoTime();
    pending = request;
    return true;
  }

  private Plan run(PlanRequest request) {
    long start = System.nanoTime();
    try {
      var path = planner.plan(request);
      return new Plan(request, path, Optional.empty(), (System.nanoTime() - start) / 1e6);
    } catch (RuntimeException | LinkageError e) {
      String message =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return new Plan(
          request, Optional.empty(), Optional.of(message), (System.nanoTime() - start) / 1e6);
    }
  }

  /**
   * The answer to the request that is out, if it is delivered at this tick; the request is then no
   * longer out.
   */
  public Optional<Plan> poll(long tick) throws InterruptedException {
    lastWaitMs = 0;
    if (pending == null) {
      return Optional.empty();
    }
    Plan plan;
    if (deliveryTicks.isPresent()) {
      if (tick < pending.tick() + deliveryTicks.getAsInt()) {
        return Optional.empty();
      }
      long start = System.nanoTime();
      plan = join();
      lastWaitMs = (System.nanoTime() - start) / 1e6;
    } else if (answer.isDone()) {
      plan = join();
    } else if (System.nanoTime() - submittedNanos > timeout.toNanos()) {
      plan = giveUp();
    } else {
      return Optional.empty();
    }
    pending = null;
    answer = null;
    return Optional.of(plan);
  }

  private Plan join() throws InterruptedException {
    try {
      long left = timeout.toNanos() - (System.nanoTime() - submittedNanos);
      return answer.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return giveUp();
    } catch (ExecutionException e) {
      // run() catches what the planner throws; this is the executor itself failing.
      return new Plan(pending, Optional.empty(), Optional.of(String.valueOf(e.getCause())), 0);
    }
  }

  /**
   * A planner past its time is abandoned: its thread is interrupted and replaced, so the next
   * request does not queue behind it, and the request fails.
   */
  private Plan giveUp() {
    thread.shutdownNow();
    thread = newThread();
    return new Plan(
        pending,
        Optional.empty(),
        Optional.of("no answer within " + timeout.toMillis() / 1000.0 + " s"),
        timeout.toMillis());
  }

  /** How long the last {@link #poll} waited for a lockstep delivery, milliseconds. */
  public double lastWaitMs() {
    return lastWaitMs;
  }

  /** Stops the planner thread; a plan still being made is dropped (the thread is a daemon). */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
