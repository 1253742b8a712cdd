package dev.llmos.runtime.agent;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.robot.CommandResult;
import dev.llmos.hal.robot.Robot;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.instinct.Decision;
import dev.llmos.runtime.instinct.RuleEngine;
import dev.llmos.runtime.nav.PurePursuit;
import dev.llmos.runtime.perception.Detection;
import dev.llmos.runtime.perception.Perception;
import dev.llmos.runtime.perception.VisionFrame;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a robot agent: every tick it senses (telemetry into the world model and named readings),
 * decides (the agent's rules; plan actions go to the classical planner and a pure-pursuit
 * follower), acts through the robot's validated link, and records the tick in the black box.
 */
public final class AgentRunner {
  /** A motion lasts a few ticks, so a late tick does not stall the robot, yet stops it soon. */
  private static final int COMMAND_TICKS = 3;

  /** Below this the robot counts as not moving, metres per tick. */
  private static final double STILL_M = 0.002;

  /**
   * Plans are made again this often, ticks: the map fills in as the robot drives, and a path drawn
   * through cells unknown when it was planned may meet a wall.
   */
  private static final int REPLAN_TICKS = 20;

  /** A plan is made again when the robot has been stuck this long, seconds. */
  private static final double REPLAN_STUCK_S = 0.5;

  /** A world-model snapshot goes into the black box this often, ticks, and at the end. */
  private static final int SNAPSHOT_TICKS = 50;

  /** Turning in place to look around when the planner has nothing, rad/s. */
  private static final double LOOK_AROUND_RADPS = 0.8;

  /**
   * How a run goes.
   *
   * @param tickPeriodS seconds between decisions
   * @param durationS robot seconds to run
   * @param map the area the world model covers
   * @param inflationRadiusM obstacles grow by this much for planning (the robot's radius)
   * @param sensorOffsetM how far the range sensors sit from the robot's centre
   * @param perception what turns camera frames into detections, when the robot has a camera and the
   *     agent a target to look for
   */
  public record Options(
      double tickPeriodS,
      double durationS,
      GridGeometry map,
      double inflationRadiusM,
      double sensorOffsetM,
      Optional<Perception> perception) {
    public Options {
      if (!(tickPeriodS > 0) || !(durationS > 0)) {
        throw new IllegalArgumentException("the tick period and the duration must be positive");
      }
    }
  }

  private final AgentSpec agent;
  private final RobotRuntime runtime;
  private final Robot robot;
  private final BlackBox box;
  private final Pace pace;
  private final Options options;

  public AgentRunner(AgentSpec agent, Robot robot, BlackBox box, Pace pace, Options options) {
    this.runtime =
        agent
            .runtime()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "agent " + agent.name() + " is not a robot agent (no runtime block)"));
    this.agent = agent;
    this.robot = robot;
    this.box = box;
    this.pace = pace;
    this.options = options;
  }

  /** Runs until the duration has passed or the robot is lost, then writes the summary. */
  public RunSummary run() throws IOException, InterruptedException {
    RuleEngine engine = new RuleEngine(runtime.rules(), runtime.params());
    WorldModel world =
        WorldModel.forRobot(
            robot.capabilities(),
            options.map(),
            options.inflationRadiusM(),
            options.sensorOffsetM());
    ClassicalPlanner planner = new ClassicalPlanner(options.inflationRadiusM());
    SenseReadings sense = new SenseReadings(robot.capabilities());
    Optional<CameraSpec> camera = robot.capabilities().camera();
    boolean looking = options.perception().isPresent() && camera.isPresent();
    CompletableFuture<CameraFrame> frame = looking ? robot.captureFrame() : null;
    Optional<Detection> target = Optional.empty();
    Telemetry first =
        robot
            .latest()
            .orElseThrow(() -> new IOException("no telemetry from " + agent.name() + "'s robot"));
    Pose2d home = first.pose();
    Pose2d last = home;
    int firstCollisions = first.status().collisions();
    long ticks = (long) Math.ceil(options.durationS() / options.tickPeriodS());
    double[] tickMs = new double[(int) ticks];
    Map<String, Long> byBrain = new TreeMap<>();
    double distanceM = 0;
    double stuckS = 0;
    boolean commandedMotion = false;
    PurePursuit follower = null;
    ActionKind planKind = null;
    boolean planDone = false;
    long plannedAt = 0;
    String outcome = "completed";
    long tick = 0;
    Telemetry t = first;
    for (; tick < ticks; tick++) {
      long t0 = System.nanoTime();
      t = robot.latest().orElse(t);
      world.integrate(t);
      double moved = t.pose().translation().distanceTo(last.translation());
      distanceM += moved;
      stuckS = commandedMotion && moved < STILL_M ? stuckS + options.tickPeriodS() : 0;
      last = t.pose();
      double elapsedS = tick * options.tickPeriodS();
      if (looking && frame.isDone()) {
        // The frame asked for last tick; the next one is asked for now and used next tick.
        target =
            frame.isCompletedExceptionally()
                ? Optional.empty()
                : see(frame.join(), camera.orElseThrow(), world, t);
        frame = robot.captureFrame();
      }
      var readings =
          sense.read(t, home, stuckS, elapsedS, follower != null && !planDone, planDone, target);
      long t1 = System.nanoTime();
      Decision decision = engine.evaluate(readings);
      long t2 = System.nanoTime();
      String brain = "instinct";
      String reason;
      Command command;
      double commandS = COMMAND_TICKS * options.tickPeriodS();
      if (!decision.matched()) {
        command = new Stop();
        reason = "no rule matched (missing " + decision.missing() + ")";
      } else if (decision.needsPlanner()) {
        ActionKind kind = decision.action().orElseThrow().kind();
        brain = "planner";
        boolean stale = tick - plannedAt >= REPLAN_TICKS || stuckS >= REPLAN_STUCK_S;
        if (kind != ActionKind.FOLLOW_PLAN
            && (follower == null || kind != planKind || planDone || stale)) {
          Optional<List<Translation2d>> path =
              planner.plan(
                  kind, world, t.pose().translation(), home.translation(), runtime.target());
          follower =
              path.map(p -> new PurePursuit(p, PurePursuit.Settings.reference())).orElse(null);
          planKind = kind;
          planDone = false;
          plannedAt = tick;
        }
        Optional<Twist> step = follower == null ? Optional.empty() : follower.update(t.pose());
        if (follower == null) {
          command = new Twist(0, LOOK_AROUND_RADPS, commandS);
          reason = decision.ruleText() + " -> nothing to plan to yet; looking around";
        } else if (step.isEmpty()) {
          planDone = true;
          command = new Stop();
          reason = decision.ruleText() + " -> plan done";
        } else {
          command = step.get();
          reason = decision.ruleText() + " -> following the plan";
        }
      } else {
        command = decision.toCommand(commandS).orElse(new Stop());
        reason = decision.ruleText();
      }
      long t3 = System.nanoTime();
      CompletableFuture<CommandResult> sent = robot.send(command);
      String verdict = sent.isDone() ? verdictOf(sent.join()) : "passed the validator; sent";
      // A refused motion is a robot that wanted to move and could not: stuck, as far as the
      // rules are concerned, so that their way out (back off, turn) comes up.
      commandedMotion = command.isMotion();
      long t4 = System.nanoTime();
      byBrain.merge(brain, 1L, Long::sum);
      tickMs[(int) tick] = (t4 - t0) / 1e6;
      box.tick(
          new TickRecord(
              tick,
              t.timeS(),
              t.pose().xM(),
              t.pose().yM(),
              t.pose().heading().radians(),
              t.nearestRangeM(),
              t.bumper(),
              t.status().collisions() - firstCollisions,
              brain,
              reason,
              1.0,
              command.describe(),
              verdict,
              Map.of(
                  "sense", (t1 - t0) / 1e6,
                  "decide", (t2 - t1) / 1e6,
                  "plan", (t3 - t2) / 1e6,
                  "send", (t4 - t3) / 1e6)));
      if (tick % SNAPSHOT_TICKS == 0) {
        box.snapshot(tick, world.snapshot());
      }
      if (!pace.next()) {
        outcome = "aborted: the robot stopped answering";
        box.event(tick, "LINK_LOST", "no telemetry after tick " + tick);
        tick++;
        break;
      }
    }
    box.snapshot(tick, world.snapshot());
    double[] measured = Arrays.copyOf(tickMs, (int) Math.min(tick, ticks));
    Arrays.sort(measured);
    RunSummary summary =
        new RunSummary(
            outcome,
            tick * options.tickPeriodS(),
            tick,
            distanceM,
            t.status().collisions() - firstCollisions,
            world.explorationFraction(),
            byBrain,
            percentile(measured, 0.5),
            percentile(measured, 0.99));
    box.finish(summary);
    return summary;
  }

  /** The agent's target in a camera frame, noted in the world model when seen. */
  private Optional<Detection> see(
      CameraFrame image, CameraSpec spec, WorldModel world, Telemetry t) {
    Optional<String> label = runtime.target();
    if (label.isEmpty()) {
      return Optional.empty();
    }
    VisionFrame seen = options.perception().orElseThrow().perceive(image, spec);
    Optional<Detection> found =
        seen.detections().stream().filter(d -> d.label().equals(label.get())).findFirst();
    found
        .filter(d -> d.depthM() != null)
        .ifPresent(
            d ->
                world.observeObject(
                    d.label(),
                    t.pose()
                        .translation()
                        .plus(
                            Translation2d.polar(
                                d.depthM(),
                                t.pose().heading().plus(Rotation2d.ofRadians(d.bearingRad())))),
                    d.confidence(),
                    t.timeS()));
    return found;
  }

  private static String verdictOf(CommandResult result) {
    return switch (result.outcome()) {
      case ACCEPTED ->
          result.reason().isEmpty() ? "accepted" : "accepted, adjusted: " + result.reason();
      case REFUSED_BY_VALIDATOR -> "refused by the validator: " + result.reason();
      case REFUSED_BY_ROBOT -> "refused by the robot: " + result.reason();
      case NO_ANSWER -> "no answer: " + result.reason();
    };
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
