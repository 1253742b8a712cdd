package dev.llmos.runtime.agent;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.RunHeader;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.robot.Simulation;
import dev.llmos.sim.world.RobotSpec;
import java.nio.file.Path;
import java.util.Optional;

/** Runs a shipped agent on a simulated robot in lockstep, as the acceptance tests need. */
final class SimulatedRuns {
  static final double TICK_S = 0.1;

  private SimulatedRuns() {}

  static KernelConfig kernel() {
    return KernelConfig.load(VolumeSet.of(SystemVolumes.packaged()));
  }

  static AgentSpec shippedAgent(String name) {
    VolumeSet system = VolumeSet.of(SystemVolumes.packaged());
    return Catalog.load(system, kernel().settings()).agent(name).orElseThrow();
  }

  /** Runs the agent for the given robot seconds; the trace lands in {@code runs}. */
  static RunSummary run(String agentName, Arena arena, long seed, double seconds, Path runs)
      throws Exception {
    SafetyLimits limits = kernel().safety();
    AgentSpec agent = shippedAgent(agentName);
    try (Simulation sim =
        Simulation.of(arena, 1, seed, limits, RobotSpec.reference(8), Optional.empty())) {
      sim.runFor(0.1);
      try (RobotLink link = sim.openLockstepLink("robot-1", limits, sim.clock());
          BlackBox box =
              BlackBox.start(
                  runs,
                  new RunHeader(
                      agentName + "-" + arena.name() + "-" + seed,
                      agent.name(),
                      agent.version(),
                      "lockstep://robot-1",
                      arena.name(),
                      seed,
                      "1970-01-01T00:00:00Z"))) {
        Pace pace = () -> step(sim, link);
        if (!pace.next()) {
          throw new AssertionError("no telemetry from the simulated robot");
        }
        AgentRunner runner =
            new AgentRunner(
                agent,
                link,
                box,
                pace,
                new AgentRunner.Options(
                    TICK_S,
                    seconds,
                    GridGeometry.covering(0, 0, arena.widthM(), arena.heightM(), 0.05),
                    0.06,
                    0.04));
        return runner.run();
      }
    }
  }

  private static boolean step(Simulation sim, RobotLink link) throws InterruptedException {
    sim.runFor(TICK_S);
    double due = sim.timeS() - 0.02;
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < deadline) {
      var t = link.latest();
      if (t.isPresent() && t.get().timeS() >= due - 1e-9) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }
}
