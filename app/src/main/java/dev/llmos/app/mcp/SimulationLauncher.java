package dev.llmos.app.mcp;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.sim.arena.Arena;
import java.io.IOException;

/**
 * Runs a robot agent on a simulated robot at full speed, recorded: what {@code run_simulation}
 * does.
 */
@FunctionalInterface
public interface SimulationLauncher {
  /**
   * The run's id and summary, once it has ended.
   *
   * @param durationS robot seconds to run
   */
  Finished run(Workspace workspace, AgentSpec agent, Arena arena, long seed, double durationS)
      throws IOException, InterruptedException;

  /** A recorded run: its id under the workspace's runs/ and how it went. */
  record Finished(String runId, RunSummary summary) {}
}
