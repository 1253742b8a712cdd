package dev.llmos.app.cli;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.runtime.agent.AgentRunner;
import dev.llmos.runtime.agent.Pace;
import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.agent.TickListener;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.RunHeader;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.instinct.VlmInstinct;
import dev.llmos.runtime.perception.ColourDetector;
import dev.llmos.runtime.perception.ObjectModel;
import dev.llmos.runtime.perception.Perception;
import dev.llmos.runtime.planner.ClassicalPlanner;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.camera.CameraRenderer;
import dev.llmos.sim.robot.Simulation;
import dev.llmos.sim.world.RobotSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A robot agent on the reference robot in a lockstep simulation, recorded: `run` and `demo`. */
final class SimulatedRun {
  private SimulatedRun() {}

  /**
   * Runs and records it under {@code runs/runId}.
   *
   * @param control pause, stop and the pace: how many times real time to run, 0 for as fast as the
   *     host goes
   * @param listener hears every tick (a progress bar, a live view, the dashboard)
   * @param model the runtime LLM, when it is switched on
   */
  static RunSummary run(
      AgentSpec agent,
      SafetyLimits limits,
      Path runs,
      String runId,
      Arena world,
      long seed,
      double durationS,
      RunControl control,
      TickListener listener,
      Optional<RuntimeModel> model)
      throws IOException, InterruptedException {
    RobotRuntime runtime = agent.runtime().orElseThrow();
    Optional<VlmInstinct> instinct = model.flatMap(m -> m.instinct(agent));
    boolean camera = runtime.target().isPresent() || instinct.isPresent();
    try (Simulation sim =
        Simulation.of(
            world,
            1,
            seed,
            limits,
            RobotSpec.reference(8),
            camera ? Optional.of(RobotSpec.REFERENCE_CAMERA) : Optional.empty())) {
      sim.runFor(RunCommand.TICK_S);
      try (RobotLink link = sim.openLockstepLink("robot-1", limits, sim.clock());
          BlackBox box =
              BlackBox.start(
                  runs,
                  new RunHeader(
                      runId,
                      agent.name(),
                      agent.version(),
                      "simulated reference robot (lockstep)",
                      world.name(),
                      seed,
                      Instant.now().toString()))) {
        long[] next = {System.nanoTime()};
        Pace pace =
            () -> {
              // Slowed to the asked speed for a person watching, held while paused: the
              // simulation stands still meanwhile, so the run itself is the same.
              while (true) {
                if (control.isPaused()) {
                  control.awaitRunning();
                  next[0] = System.nanoTime();
                }
                if (control.isStopped()) {
                  // The runner ends the run; the robot does not move on meanwhile.
                  return true;
                }
                double speed = control.speed();
                long tickNanos = speed > 0 ? Math.round(RunCommand.TICK_S / speed * 1e9) : 0;
                next[0] = Math.max(next[0], System.nanoTime() - tickNanos) + tickNanos;
                control.sleepUntil(next[0]);
                if (!control.isPaused() && !control.isStopped()) {
                  return sim.advance(link, RunCommand.TICK_S);
                }
              }
            };
        if (!sim.advance(link, RunCommand.TICK_S)) {
          throw new IOException("the simulated robot sent no telemetry");
        }
        GridGeometry map = GridGeometry.covering(0, 0, world.widthM(), world.heightM(), 0.05);
        Optional<Perception> perception =
            runtime.target().map(target -> perception(world, target, model));
        Planner offline = new ClassicalPlanner(RunCommand.INFLATION_M);
        AgentRunner runner =
            new AgentRunner(
                agent,
                link,
                box,
                pace,
                new AgentRunner.Options(
                    RunCommand.TICK_S,
                    durationS,
                    map,
                    RunCommand.INFLATION_M,
                    RunCommand.SENSOR_OFFSET_M,
                    RunCommand.BODY_RADIUS_M,
                    perception,
                    OptionalInt.of(1)),
                model.map(m -> m.planner(agent, offline, seed)).orElse(offline));
        if (instinct.isPresent()) {
          runner = runner.withVlmInstinct(instinct.get());
        }
        if (model.isPresent()) {
          runner = runner.recordingDetails(model.get().details());
        }
        return runner.listening(listener).controlledBy(control).run();
      }
    }
  }

  /** VLM vision when the model is on, else the colour detector. */
  private static Perception perception(Arena arena, String target, Optional<RuntimeModel> model) {
    if (model.isEmpty()) {
      return detector(arena);
    }
    Map<String, Double> sizesM = new LinkedHashMap<>();
    arena.objects().stream()
        .filter(o -> o.label().equals(target))
        .findFirst()
        .ifPresent(o -> sizesM.put(target, 2 * o.radiusM()));
    return model.get().perception(target, sizesM);
  }

  /** A colour detector for the arena's labelled objects. */
  static Perception detector(Arena arena) {
    List<ObjectModel> models =
        arena.objects().stream()
            .map(
                o ->
                    new ObjectModel(
                        o.label(),
                        o.colour().packed(),
                        ObjectModel.DEFAULT_HUE_TOLERANCE_DEG,
                        ObjectModel.Shape.valueOf(o.shape().name()),
                        2 * o.radiusM()))
            .toList();
    return new ColourDetector(models, CameraRenderer.DEFAULT_MOUNT_HEIGHT_M);
  }
}
