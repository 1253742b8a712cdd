package dev.llmos.runtime.agent;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.robot.Robot;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.RunHeader;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.perception.ArenaObjectModels;
import dev.llmos.runtime.perception.ColourDetector;
import dev.llmos.runtime.perception.Perception;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.camera.CameraRenderer;
import dev.llmos.sim.geometry.ArenaGeometry;
import dev.llmos.sim.robot.Simulation;
import dev.llmos.sim.world.RobotSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/** Runs a shipped agent on a simulated robot in lockstep, as the acceptance tests need. */
final class SimulatedRuns {
  static final double TICK_S = 0.1;

  /** The robot's radius (0.057 m) plus a margin, so plans keep clear of what the rules avoid. */
  static final double INFLATION_M = 0.15;

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
    return run(agentName, arena, seed, seconds, runs, false);
  }

  /** As {@link #run}, with the reference camera and a colour detector for the arena's objects. */
  static RunSummary run(
      String agentName, Arena arena, long seed, double seconds, Path runs, boolean camera)
      throws Exception {
    return run(
        agentName,
        arena,
        seed,
        seconds,
        runs,
        camera,
        Optional.empty(),
        OptionalInt.of(1),
        (pace, sim, link) -> pace);
  }

  /** Runs an agent that is not shipped (one the composer wrote), without a camera. */
  static RunSummary run(AgentSpec agent, Arena arena, long seed, double seconds, Path runs)
      throws Exception {
    return run(
        agent,
        arena,
        seed,
        seconds,
        runs,
        false,
        Optional.empty(),
        Optional.empty(),
        OptionalInt.of(1),
        (pace, sim, link) -> pace,
        UnaryOperator.identity(),
        UnaryOperator.identity());
  }

  /** Wraps the lockstep pace, to act between ticks (cut the link, release a planner). */
  interface PaceWrapper {
    Pace wrap(Pace pace, Simulation sim, RobotLink link);
  }

  /**
   * As {@link #run}, with a planner other than the classical one, another plan delivery, and a hook
   * between ticks.
   */
  static RunSummary run(
      String agentName,
      Arena arena,
      long seed,
      double seconds,
      Path runs,
      boolean camera,
      Optional<Planner> planner,
      OptionalInt planDelivery,
      PaceWrapper wrapper)
      throws Exception {
    return run(
        agentName,
        arena,
        seed,
        seconds,
        runs,
        camera,
        planner,
        planDelivery,
        wrapper,
        UnaryOperator.identity());
  }

  /**
   * As above, with the runner seeing the robot through {@code robotView} (to falsify telemetry).
   */
  static RunSummary run(
      String agentName,
      Arena arena,
      long seed,
      double seconds,
      Path runs,
      boolean camera,
      Optional<Planner> planner,
      OptionalInt planDelivery,
      PaceWrapper wrapper,
      UnaryOperator<Robot> robotView)
      throws Exception {
    return run(
        shippedAgent(agentName),
        arena,
        seed,
        seconds,
        runs,
        camera,
        camera ? Optional.of(detector(arena)) : Optional.empty(),
        planner,
        planDelivery,
        wrapper,
        robotView,
        UnaryOperator.identity());
  }

  /**
   * As above, with the perception the runner uses and a last say on the runner (a VLM instinct,
   * recorded details).
   */
  static RunSummary run(
      AgentSpec agent,
      Arena arena,
      long seed,
      double seconds,
      Path runs,
      boolean camera,
      Optional<Perception> perception,
      Optional<Planner> planner,
      OptionalInt planDelivery,
      PaceWrapper wrapper,
      UnaryOperator<Robot> robotView,
      UnaryOperator<AgentRunner> wiring)
      throws Exception {
    SafetyLimits limits = kernel().safety();
    try (Simulation sim =
        Simulation.of(
            arena,
            1,
            seed,
            limits,
            RobotSpec.reference(8),
            camera ? Optional.of(RobotSpec.REFERENCE_CAMERA) : Optional.empty())) {
      sim.runFor(0.1);
      try (RobotLink link = sim.openLockstepLink("robot-1", limits, sim.clock());
          BlackBox box =
              BlackBox.start(
                  runs,
                  new RunHeader(
                      agent.name() + "-" + arena.name() + "-" + seed,
                      agent.name(),
                      agent.version(),
                      "lockstep://robot-1",
                      arena.name(),
                      seed,
                      "1970-01-01T00:00:00Z"))) {
        Pace lockstep = () -> sim.advance(link, TICK_S);
        if (!lockstep.next()) {
          throw new AssertionError("no telemetry from the simulated robot");
        }
        Pace pace = wrapper.wrap(lockstep, sim, link);
        AgentRunner.Options options =
            new AgentRunner.Options(
                TICK_S,
                seconds,
                GridGeometry.covering(0, 0, arena.widthM(), arena.heightM(), 0.05),
                INFLATION_M,
                0.04,
                0.057,
                perception,
                planDelivery);
        AgentRunner runner =
            planner.isPresent()
                ? new AgentRunner(agent, robotView.apply(link), box, pace, options, planner.get())
                : new AgentRunner(agent, robotView.apply(link), box, pace, options);
        return wiring.apply(runner).run();
      }
    }
  }

  /** As above, for the shipped agent {@code agentName}. */
  static RunSummary run(
      String agentName,
      Arena arena,
      long seed,
      double seconds,
      Path runs,
      boolean camera,
      Optional<Perception> perception,
      Optional<Planner> planner,
      OptionalInt planDelivery,
      PaceWrapper wrapper,
      UnaryOperator<Robot> robotView,
      UnaryOperator<AgentRunner> wiring)
      throws Exception {
    return run(
        shippedAgent(agentName),
        arena,
        seed,
        seconds,
        runs,
        camera,
        perception,
        planner,
        planDelivery,
        wrapper,
        robotView,
        wiring);
  }

  /** A colour detector for the arena's labelled objects, as a VLM would be told what to find. */
  static Perception detector(Arena arena) {
    return new ColourDetector(ArenaObjectModels.of(arena), CameraRenderer.DEFAULT_MOUNT_HEIGHT_M);
  }

  /**
   * The cells of the map a robot can reach from the arena's first start: free where the robot's
   * disc fits, flooded 8-connected from the start. Blocked everywhere else.
   */
  static OccupancyGrid reachable(Arena arena, GridGeometry map, double robotRadiusM) {
    ArenaGeometry solids = ArenaGeometry.of(arena);
    int w = map.widthCells();
    int h = map.heightCells();
    boolean[] fits = new boolean[w * h];
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        Translation2d c = map.cellCentre(col, row);
        fits[row * w + col] = solids.clearance(c.xM(), c.yM(), robotRadiusM) >= robotRadiusM;
      }
    }
    boolean[] blocked = new boolean[w * h];
    java.util.Arrays.fill(blocked, true);
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    Translation2d start = arena.starts().get(0).translation();
    int first = map.row(start.yM()) * w + map.col(start.xM());
    blocked[first] = false;
    queue.add(first);
    while (!queue.isEmpty()) {
      int cell = queue.poll();
      int col = cell % w;
      int row = cell / w;
      for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++) {
          int c = col + dc;
          int r = row + dr;
          if (c >= 0 && r >= 0 && c < w && r < h && blocked[r * w + c] && fits[r * w + c]) {
            blocked[r * w + c] = false;
            queue.add(r * w + c);
          }
        }
      }
    }
    return OccupancyGrid.of(w, h, blocked);
  }

  /** The world model as the run left it: the last snapshot in its black box. */
  static WorldModel finalMap(Path run) throws java.io.IOException {
    var snapshots = RunRecording.read(run).snapshots();
    return WorldModel.fromSnapshot(snapshots.get(snapshots.size() - 1).data());
  }
}
