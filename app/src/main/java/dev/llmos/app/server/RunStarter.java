package dev.llmos.app.server;

import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.agent.TickListener;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.sim.arena.Arena;
import java.io.IOException;

/**
 * How the dashboard starts a simulated run: the command line knows how to run one (the same way
 * {@code llmos run} does), the server knows when.
 */
@FunctionalInterface
public interface RunStarter {
  /** What a person asked for. */
  record Request(String agent, String arena, long seed, double speed, double durationS) {}

  /** A run ready to go: resolved, checked, named. */
  record Prepared(
      String runId,
      String agent,
      Arena arena,
      long seed,
      double speed,
      double durationS,
      Launch launch) {}

  /** Runs it to the end on the calling thread, recorded, and returns how it went. */
  @FunctionalInterface
  interface Launch {
    RunSummary run(RunControl control, TickListener listener)
        throws IOException, InterruptedException;
  }

  /**
   * Resolves and checks a request without starting anything.
   *
   * @throws java.util.NoSuchElementException for an unknown agent or arena (the message names it)
   * @throws IllegalArgumentException for anything else wrong with the request
   */
  Prepared prepare(Request request);
}
