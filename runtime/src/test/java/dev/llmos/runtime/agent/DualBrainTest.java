package dev.llmos.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.CommandResult;
import dev.llmos.hal.robot.Robot;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.planner.ClassicalPlanner;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.world.CellState;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.arena.ArenaGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dual-brain controller: an asynchronous planner, escalation, and what a run records. */
class DualBrainTest {
  @TempDir Path runs;

  private final Arena office = ArenaCatalog.loadPackaged("office");

  private RunRecording recording(String name) throws Exception {
    return RunRecording.read(runs.resolve(name));
  }

  @Test
  void everyDecisionIsRecordedWithItsBrainReasonConfidenceAndLatency() throws Exception {
    RunSummary summary = SimulatedRuns.run("explorer", office, 3, 60, runs);
    RunRecording run = recording("explorer-office-3");
    assertThat(run.ticks()).hasSize(600);
    for (TickRecord t : run.ticks()) {
      assertThat(t.brain()).isIn("instinct", "planner", "reflex");
      assertThat(t.reason()).isNotBlank();
      assertThat(t.confidence()).isBetween(0.0, 1.0);
      assertThat(t.surpriseM()).isGreaterThanOrEqualTo(0.0);
      assertThat(t.latenciesMs()).containsKeys("sense", "decide", "plan", "predict", "send");
    }
    assertThat(summary.decisionsByBrain()).containsKeys("instinct", "planner");
    assertThat(summary.escalations()).containsKeys("goal_needs_plan", "periodic");
    // A tick that took a plan says which request it was and how long the planner took.
    List<TickRecord> arrivals =
        run.ticks().stream().filter(t -> t.latenciesMs().containsKey("planner")).toList();
    assertThat(arrivals).isNotEmpty();
    assertThat(arrivals)
        .anyMatch(t -> t.reason().matches(".*plan #\\d+ to a frontier \\([a-z_]+\\) applied.*"));
    assertThat(run.events())
        .anyMatch(e -> e.kind().equals("PLAN") && e.message().contains("applied"));
  }

  @Test
  void theSameSeedGivesTheSameRun() throws Exception {
    Path first = runs.resolve("first");
    Path second = runs.resolve("second");
    SimulatedRuns.run("explorer", office, 5, 30, first);
    SimulatedRuns.run("explorer", office, 5, 30, second);
    List<TickRecord> a = RunRecording.read(first.resolve("explorer-office-5")).ticks();
    List<TickRecord> b = RunRecording.read(second.resolve("explorer-office-5")).ticks();
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      // Latencies are the host's, not the run's; everything else repeats.
      assertThat(withoutLatencies(b.get(i))).as("tick %d", i).isEqualTo(withoutLatencies(a.get(i)));
    }
  }

  private static TickRecord withoutLatencies(TickRecord t) {
    return new TickRecord(
        t.tick(),
        t.timeS(),
        t.xM(),
        t.yM(),
        t.headingRad(),
        t.nearestRangeM(),
        t.bumper(),
        t.collisions(),
        t.brain(),
        t.reason(),
        t.confidence(),
        t.surpriseM(),
        t.command(),
        t.verdict(),
        java.util.Map.of());
  }

  /**
   * On a real robot's schedule (plans delivered when done) a planner that takes three seconds holds
   * up nothing: the instinct keeps ticking, looking around while it waits, and the plan is taken up
   * when it comes.
   */
  @Test
  void aSlowPlannerNeverHoldsUpAnInstinctTick() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ClassicalPlanner classical = new ClassicalPlanner(SimulatedRuns.INFLATION_M);
    Planner slow =
        request -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
          return classical.plan(request);
        };
    AtomicLong ticks = new AtomicLong();
    SimulatedRuns.run(
        "explorer",
        office,
        2,
        10,
        runs,
        false,
        Optional.of(slow),
        OptionalInt.empty(),
        (pace, sim, link) ->
            () -> {
              if (ticks.incrementAndGet() == 30) {
                release.countDown();
              }
              return pace.next();
            });
    RunRecording run = recording("explorer-office-2");
    assertThat(run.ticks()).hasSize(100);
    List<TickRecord> before = run.ticks().subList(0, 30);
    assertThat(before).allMatch(t -> t.brain().equals("instinct"));
    assertThat(before).noneMatch(t -> t.latenciesMs().containsKey("planner"));
    List<TickRecord> waiting =
        before.stream().filter(t -> t.reason().startsWith("if always then plan_to")).toList();
    assertThat(waiting)
        .hasSizeGreaterThanOrEqualTo(15)
        .allMatch(t -> t.reason().contains("waiting for the planner"));
    assertThat(run.events()).anyMatch(e -> e.kind().equals("PLAN") && e.tick() >= 30);
    assertThat(run.ticks().subList(30, 100)).anyMatch(t -> t.brain().equals("planner"));
  }

  @Test
  void whenThePlannerThrowsTheInstinctCarriesOnAndTheErrorIsRecorded() throws Exception {
    Planner broken =
        request -> {
          throw new IllegalStateException("no map for request " + request.id());
        };
    RunSummary summary =
        SimulatedRuns.run(
            "explorer",
            office,
            1,
            20,
            runs,
            false,
            Optional.of(broken),
            OptionalInt.of(1),
            (pace, sim, link) -> pace);
    assertThat(summary.outcome()).isEqualTo("completed");
    assertThat(summary.ticks()).isEqualTo(200);
    assertThat(summary.decisionsByBrain()).doesNotContainKey("planner");
    RunRecording run = recording("explorer-office-1");
    assertThat(run.events())
        .filteredOn(e -> e.kind().equals("PLANNER_ERROR"))
        .isNotEmpty()
        .allMatch(e -> e.message().contains("IllegalStateException: no map for request"));
    assertThat(run.ticks()).allMatch(t -> Set.of("instinct", "reflex").contains(t.brain()));
    assertThat(summary.collisions()).isZero();
  }

  /** A plan drawn through what the map now knows is a wall is not followed. */
  @Test
  void aPlanThatNoLongerFitsTheMapIsDiscarded() throws Exception {
    Planner throughTheWall =
        request -> {
          WorldModel world = request.world();
          Optional<Translation2d> wall = nearestOccupied(world, request.robot());
          return wall.map(
              w -> List.of(request.robot(), w, w.plus(w.minus(request.robot()).times(0.5))));
        };
    RunSummary summary =
        SimulatedRuns.run(
            "explorer",
            office,
            1,
            10,
            runs,
            false,
            Optional.of(throughTheWall),
            OptionalInt.of(1),
            (pace, sim, link) -> pace);
    RunRecording run = recording("explorer-office-1");
    assertThat(run.events())
        .filteredOn(e -> e.kind().equals("PLAN_DISCARDED"))
        .isNotEmpty()
        .allMatch(e -> e.message().contains("crosses a known obstacle"));
    assertThat(run.events()).noneMatch(e -> e.kind().equals("PLAN"));
    assertThat(summary.decisionsByBrain()).doesNotContainKey("planner");
  }

  private static Optional<Translation2d> nearestOccupied(WorldModel world, Translation2d from) {
    GridGeometry g = world.geometry();
    Translation2d best = null;
    for (int row = 0; row < g.heightCells(); row++) {
      for (int col = 0; col < g.widthCells(); col++) {
        Translation2d c = g.cellCentre(col, row);
        if (world.state(col, row) == CellState.OCCUPIED
            && (best == null || c.distanceTo(from) < best.distanceTo(from))) {
          best = c;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The robot is unplugged mid-run: the controller stops, the run is marked aborted, the trace
   * reads whole, and the robot's own watchdog stops its wheels.
   */
  @Test
  void aRobotThatDisconnectsMidRunAbortsTheRunWithTheTraceIntact() throws Exception {
    AtomicLong ticks = new AtomicLong();
    AtomicBoolean watchdogStopped = new AtomicBoolean();
    RunSummary summary =
        SimulatedRuns.run(
            "wall-avoider",
            ArenaCatalog.loadPackaged("obstacles"),
            1,
            30,
            runs,
            false,
            Optional.empty(),
            OptionalInt.of(1),
            (pace, sim, link) ->
                () -> {
                  if (ticks.incrementAndGet() == 50) {
                    var robot = sim.robot("robot-1");
                    robot.detach();
                    sim.runFor(1.0);
                    watchdogStopped.set(
                        robot.lastTelemetry().orElseThrow().status().watchdogTripped()
                            && robot.body().wheelSpeeds().leftMps() == 0
                            && robot.body().wheelSpeeds().rightMps() == 0);
                  }
                  return pace.next();
                });
    assertThat(summary.outcome()).startsWith("aborted");
    assertThat(summary.ticks()).isEqualTo(50);
    RunRecording run = recording("wall-avoider-obstacles-1");
    assertThat(run.tornLines()).isZero();
    assertThat(run.ticks()).hasSize(50);
    assertThat(run.summary()).contains(summary);
    assertThat(run.events()).anyMatch(e -> e.kind().equals("LINK_LOST") && e.tick() == 49);
    assertThat(run.snapshots()).isNotEmpty();
    assertThat(watchdogStopped).isTrue();
  }

  /**
   * The robot's odometry jumps 0.6 m ("kidnapped"): what the sensors report no longer fits the map
   * where the robot thinks it is, surprise rises past its threshold and the planner is asked.
   */
  @Test
  void highSurpriseEscalatesToThePlanner() throws Exception {
    AtomicLong ticks = new AtomicLong();
    RunSummary summary =
        SimulatedRuns.run(
            "explorer",
            office,
            1,
            20,
            runs,
            false,
            Optional.empty(),
            OptionalInt.of(1),
            (pace, sim, link) ->
                () -> {
                  ticks.incrementAndGet();
                  return pace.next();
                },
            link ->
                new TelemetryView(
                    link,
                    t ->
                        ticks.get() < 100
                            ? t
                            : withPose(
                                t,
                                new Pose2d(
                                    t.pose().xM() + 0.6, t.pose().yM(), t.pose().heading()))));
    RunRecording run = recording("explorer-office-1");
    assertThat(summary.escalations()).containsKey("surprise");
    assertThat(run.ticks().subList(0, 99)).allMatch(t -> t.surpriseM() < 0.25);
    assertThat(run.ticks().subList(100, 110)).anyMatch(t -> t.surpriseM() > 0.25);
  }

  private static Telemetry withPose(Telemetry t, Pose2d pose) {
    return new Telemetry(
        t.timeS(),
        pose,
        t.wheels(),
        t.leftTicks(),
        t.rightTicks(),
        t.rangesM(),
        t.imu(),
        t.bumper(),
        t.lineSensors(),
        t.battery(),
        t.status());
  }

  /**
   * Telemetry with one range reading missing (a sensor dropped out) cannot be matched to sensors:
   * the scan is not integrated and the run carries on, with the event recorded once.
   */
  @Test
  void telemetryWithARangeMissingIsNotIntegratedAndTheRunCarriesOn() throws Exception {
    AtomicLong ticks = new AtomicLong();
    RunSummary summary =
        SimulatedRuns.run(
            "wall-avoider",
            ArenaCatalog.loadPackaged("obstacles"),
            1,
            10,
            runs,
            false,
            Optional.empty(),
            OptionalInt.of(1),
            (pace, sim, link) ->
                () -> {
                  ticks.incrementAndGet();
                  return pace.next();
                },
            link ->
                new TelemetryView(
                    link,
                    t ->
                        ticks.get() < 30
                            ? t
                            : new Telemetry(
                                t.timeS(),
                                t.pose(),
                                t.wheels(),
                                t.leftTicks(),
                                t.rightTicks(),
                                t.rangesM().subList(0, t.rangesM().size() - 1),
                                t.imu(),
                                t.bumper(),
                                t.lineSensors(),
                                t.battery(),
                                t.status())));
    assertThat(summary.outcome()).isEqualTo("completed");
    assertThat(summary.ticks()).isEqualTo(100);
    RunRecording run = recording("wall-avoider-obstacles-1");
    assertThat(run.events())
        .filteredOn(e -> e.kind().equals("SENSOR_DATA"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("7 range readings for 8 sensors"));
  }

  /** Camera frames arrive on the link's threads; a lockstep run still repeats for a seed. */
  @Test
  void theSameSeedGivesTheSameRunWithTheCamera() throws Exception {
    Path first = runs.resolve("first");
    Path second = runs.resolve("second");
    Arena arena = ArenaGenerator.generate(3);
    SimulatedRuns.run("object-seeker", arena, 3, 30, first, true);
    SimulatedRuns.run("object-seeker", arena, 3, 30, second, true);
    String name = "object-seeker-" + arena.name() + "-3";
    List<TickRecord> a = RunRecording.read(first.resolve(name)).ticks();
    List<TickRecord> b = RunRecording.read(second.resolve(name)).ticks();
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(withoutLatencies(b.get(i))).as("tick %d", i).isEqualTo(withoutLatencies(a.get(i)));
    }
  }

  /** The first sighting of the target is news to the world model: the planner is asked again. */
  @Test
  void anObjectNewToTheMapEscalatesToThePlanner() throws Exception {
    // In this arena an obstacle stands between the robot and the ball when it first sees it.
    Arena arena = ArenaGenerator.generate(2);
    RunSummary summary = SimulatedRuns.run("object-seeker", arena, 2, 90, runs, true);
    assertThat(summary.escalations()).containsEntry("unknown_object", 1L);
    RunRecording run = recording("object-seeker-" + arena.name() + "-2");
    assertThat(run.events())
        .anyMatch(e -> e.kind().equals("PLAN") && e.message().contains("(unknown_object)"));
  }

  /** A robot whose telemetry the runner sees through {@code view}. */
  private static final class TelemetryView implements Robot {
    private final Robot robot;
    private final java.util.function.UnaryOperator<Telemetry> view;

    TelemetryView(Robot robot, java.util.function.UnaryOperator<Telemetry> view) {
      this.robot = robot;
      this.view = view;
    }

    @Override
    public Capabilities capabilities() {
      return robot.capabilities();
    }

    @Override
    public CompletableFuture<CommandResult> send(Command command) {
      return robot.send(command);
    }

    @Override
    public Optional<Telemetry> latest() {
      return robot.latest().map(view);
    }

    @Override
    public void onTelemetry(Consumer<Telemetry> listener) {
      robot.onTelemetry(listener);
    }

    @Override
    public void onEvent(Consumer<RobotEvent> listener) {
      robot.onEvent(listener);
    }

    @Override
    public CompletableFuture<CameraFrame> captureFrame() {
      return robot.captureFrame();
    }

    @Override
    public void close() {
      robot.close();
    }
  }
}
