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
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.RunDetails;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.instinct.Decision;
import dev.llmos.runtime.instinct.InstinctReply;
import dev.llmos.runtime.instinct.Readings;
import dev.llmos.runtime.instinct.RuleEngine;
import dev.llmos.runtime.instinct.VlmInstinct;
import dev.llmos.runtime.nav.PurePursuit;
import dev.llmos.runtime.perception.Detection;
import dev.llmos.runtime.perception.Perception;
import dev.llmos.runtime.perception.VisionFrame;
import dev.llmos.runtime.planner.AsyncPlanner;
import dev.llmos.runtime.planner.ClassicalPlanner;
import dev.llmos.runtime.planner.Escalation;
import dev.llmos.runtime.planner.Plan;
import dev.llmos.runtime.planner.PlanRequest;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.predict.Motion;
import dev.llmos.runtime.predict.Prediction;
import dev.llmos.runtime.predict.Predictor;
import dev.llmos.runtime.predict.Surprise;
import dev.llmos.runtime.world.CellState;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a robot agent with the dual-brain controller. Every tick it senses (telemetry into the world
 * model and named readings, the last prediction checked against what the sensors now say), lets the
 * instinct decide (the agent's rules), follows the planner's plan where the rules ask for one,
 * checks the chosen command with the predictor (a command predicted to touch an obstacle is
 * replaced), acts through the robot's validated link, and records the tick in the black box.
 *
 * <p>The planner runs on its own thread ({@link AsyncPlanner}); the instinct escalates to it when a
 * plan is needed, when the robot is stuck, when perception sees something new, when surprise runs
 * high, periodically, and when its own choice was vetoed. A plan that comes back is applied only if
 * it still fits: the same goal, the robot still near its start, no known obstacle across it.
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

  /**
   * After a plan came to nothing (nothing to plan to, the planner failed, the plan no longer fit),
   * the planner is asked again for that goal this many ticks later.
   */
  private static final int BACKOFF_TICKS = 10;

  /** Being stuck or unsure asks the planner again at most this often, ticks. */
  private static final int RETRY_TICKS = 5;

  /** A plan is not applied when the robot has drifted this far from where it was asked, metres. */
  private static final double MAX_PLAN_DRIFT_M = 0.5;

  /** A world-model snapshot goes into the black box this often, ticks, and at the end. */
  private static final int SNAPSHOT_TICKS = 50;

  /** Turning in place to look around when there is no plan to follow, rad/s. */
  private static final double LOOK_AROUND_RADPS = 0.8;

  /** Turning away when the predictor vetoes a command, rad/s. */
  private static final double VETO_TURN_RADPS = 1.0;

  /** Extra room the predictor keeps between the body and the map's obstacles, metres. */
  private static final double PREDICTOR_MARGIN_M = 0.01;

  /** A run is aborted when this many ticks in a row bring no newer telemetry (a stalled robot). */
  private static final int STALE_TICKS = 10;

  /**
   * How long a plan may take before the request fails: a planner that hangs. An RSA plan is up to
   * seven rounds of model calls (the deep preset), each round bounded by its own guard, and falls
   * back to the classical planner by itself well before this.
   */
  private static final Duration PLAN_TIMEOUT = Duration.ofMinutes(10);

  /** In lockstep, how long to wait for a camera frame's bytes, seconds of wall time. */
  private static final long FRAME_WAIT_S = 2;

  /**
   * In lockstep, how long to wait for perception or the VLM instinct, seconds of wall time; a model
   * call ends by its own timeout well before this.
   */
  private static final long MODEL_WAIT_S = 120;

  /** Weight of each tick in the smoothed surprise. */
  private static final double SURPRISE_SMOOTHING = 0.5;

  /** Smoothed surprise above this escalates to the planner, metres. */
  private static final double SURPRISE_THRESHOLD_M = 0.25;

  /** The instinct escalates when its confidence falls below this. */
  private static final double LOW_CONFIDENCE = 0.5;

  /**
   * A route point is reached within this distance, metres: the reference robot's radius and a
   * margin, near enough to have looked at the place, and wide enough that a point the inflated map
   * leaves just out of reach (by a wall) still counts.
   */
  private static final double WAYPOINT_REACHED_M = 0.25;

  /**
   * How a run goes.
   *
   * @param tickPeriodS seconds between decisions
   * @param durationS robot seconds to run
   * @param map the area the world model covers
   * @param inflationRadiusM obstacles grow by this much for planning (the robot's radius)
   * @param sensorOffsetM how far the range sensors sit from the robot's centre
   * @param bodyRadiusM the radius of the disc covering the robot's body, for the predictor
   * @param perception what turns camera frames into detections, when the robot has a camera and the
   *     agent a target to look for
   * @param planDeliveryTicks present for lockstep runs, which it marks: plans are delivered this
   *     many ticks after they are asked for and camera frames are waited for, so runs repeat; empty
   *     on a real robot (plans and frames are taken when they are done)
   */
  public record Options(
      double tickPeriodS,
      double durationS,
      GridGeometry map,
      double inflationRadiusM,
      double sensorOffsetM,
      double bodyRadiusM,
      Optional<Perception> perception,
      OptionalInt planDeliveryTicks) {
    public Options {
      if (!(tickPeriodS > 0) || !(durationS > 0)) {
        throw new IllegalArgumentException("the tick period and the duration must be positive");
      }
      if (!(bodyRadiusM > 0)) {
        throw new IllegalArgumentException("the body radius must be positive");
      }
    }
  }

  private final AgentSpec agent;
  private final RobotRuntime runtime;
  private final Robot robot;
  private final BlackBox box;
  private final Pace pace;
  private final Options options;
  private final Planner planner;
  private final TickListener listener;
  private final Optional<VlmInstinct> vlm;
  private final RunDetails details;
  private final RunControl control;

  /** The points {@code plan_to_waypoint()} visits in turn; empty when the rules do not use it. */
  private final List<Translation2d> route;

  /** A runner with the offline planner (A* to frontiers, home or the target). */
  public AgentRunner(AgentSpec agent, Robot robot, BlackBox box, Pace pace, Options options) {
    this(agent, robot, box, pace, options, new ClassicalPlanner(options.inflationRadiusM()));
  }

  public AgentRunner(
      AgentSpec agent, Robot robot, BlackBox box, Pace pace, Options options, Planner planner) {
    this(
        agent,
        robot,
        box,
        pace,
        options,
        planner,
        (record, world) -> {},
        Optional.empty(),
        new RunDetails(),
        new RunControl(0));
  }

  private AgentRunner(
      AgentSpec agent,
      Robot robot,
      BlackBox box,
      Pace pace,
      Options options,
      Planner planner,
      TickListener listener,
      Optional<VlmInstinct> vlm,
      RunDetails details,
      RunControl control) {
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
    this.planner = planner;
    this.listener = listener;
    this.vlm = vlm;
    this.details = details;
    this.control = control;
    this.route = routeOf(agent.name(), runtime);
  }

  /**
   * The route in the params, {@code point_1_x_m}/{@code point_1_y_m} on, while both coordinates of
   * a point are there; refuses an agent whose rules plan to waypoints without two points.
   */
  private static List<Translation2d> routeOf(String name, RobotRuntime runtime) {
    boolean used =
        runtime.rules().stream().anyMatch(r -> r.action().kind() == ActionKind.PLAN_TO_WAYPOINT);
    if (!used) {
      return List.of();
    }
    Map<String, Double> params = runtime.params();
    List<Translation2d> points = new ArrayList<>();
    for (int n = 1;
        params.containsKey("point_" + n + "_x_m") && params.containsKey("point_" + n + "_y_m");
        n++) {
      points.add(
          new Translation2d(params.get("point_" + n + "_x_m"), params.get("point_" + n + "_y_m")));
    }
    if (points.size() < 2) {
      throw new IllegalArgumentException(
          "agent "
              + name
              + " uses plan_to_waypoint() and its params give "
              + points.size()
              + " route point(s); it needs at least 2 (point_1_x_m, point_1_y_m, point_2_x_m,"
              + " point_2_y_m, ...)");
    }
    return List.copyOf(points);
  }

  /** This runner, telling {@code listener} about every tick as it is recorded. */
  public AgentRunner listening(TickListener listener) {
    return new AgentRunner(
        agent, robot, box, pace, options, planner, listener, vlm, details, control);
  }

  /**
   * This runner with the VLM as its instinct: one pass per camera frame chooses the action; the
   * agent's rules decide on every tick the model's choice is invalid, late or missing.
   */
  public AgentRunner withVlmInstinct(VlmInstinct instinct) {
    return new AgentRunner(
        agent,
        robot,
        box,
        pace,
        options,
        planner,
        listener,
        Optional.of(instinct),
        details,
        control);
  }

  /**
   * This runner, writing into its black box the records other threads make (the RSA planner's
   * histories, the model client's calls).
   */
  public AgentRunner recordingDetails(RunDetails from) {
    return new AgentRunner(agent, robot, box, pace, options, planner, listener, vlm, from, control);
  }

  /**
   * This runner, answering to {@code control}: it ends after the tick in which {@link
   * RunControl#stop} is called. Pausing and pace are the {@link Pace}'s to honour.
   */
  public AgentRunner controlledBy(RunControl control) {
    return new AgentRunner(
        agent, robot, box, pace, options, planner, listener, vlm, details, control);
  }

  /** Runs until the duration has passed, the robot is lost or it is stopped; writes the summary. */
  public RunSummary run() throws IOException, InterruptedException {
    try (AsyncPlanner planning =
        new AsyncPlanner(planner, options.planDeliveryTicks(), PLAN_TIMEOUT)) {
      return new Loop(planning).run();
    }
  }

  /** The state of one run. */
  private final class Loop {
    private final AsyncPlanner planning;
    private final RuleEngine engine = new RuleEngine(runtime.rules(), runtime.params());
    private final WorldModel world =
        WorldModel.forRobot(
            robot.capabilities(),
            options.map(),
            options.inflationRadiusM(),
            options.sensorOffsetM());
    private final SenseReadings sense = new SenseReadings(robot.capabilities());
    private final Predictor predictor =
        new Predictor(
            options.bodyRadiusM(),
            PREDICTOR_MARGIN_M,
            robot.capabilities().rangeSensors(),
            options.sensorOffsetM());
    private final Surprise surprise = new Surprise(SURPRISE_SMOOTHING, SURPRISE_THRESHOLD_M);
    private final Map<String, Long> byBrain = new TreeMap<>();
    private final Map<String, Long> escalations = new TreeMap<>();
    private final double commandS = COMMAND_TICKS * options.tickPeriodS();

    /** Events of the tick, written after it so that disk writes do not count as tick time. */
    private final List<RunRecording.Event> notes = new ArrayList<>();

    private Pose2d home;
    private Telemetry t;
    private TargetView target = TargetView.NOT_SEEN;

    /** Where the robot was when the frame perception is working on came. */
    private Pose2d framePose;

    private double frameTimeS;

    /** The newest camera image and what perception saw in it, for the planner's requests. */
    private Optional<JpegImage> lastImage = Optional.empty();

    private List<Detection> lastDetections = List.of();

    /** Perception of the newest frame, on its own thread (a VLM takes hundreds of ms). */
    private CompletableFuture<VisionFrame> seeing;

    /** The frame {@link #seeing} works on, for the listener. */
    private CameraFrame seeingImage;

    private boolean perceptionFailing;

    /** A frame that came this tick, for the VLM instinct once the readings are known. */
    private CameraFrame freshFrame;

    /** The VLM instinct's pass in flight, the frame it is on and the tick it was asked. */
    private CompletableFuture<InstinctReply> asking;

    private int askingFrame;

    private long askedTick;

    /** The VLM instinct's latest valid choice and the tick it came. */
    private InstinctReply current;

    private long currentTick;

    /** Why the rules decide instead of the VLM, while they do. */
    private String fallback = "waiting for the model's first choice";

    /** Perception saw an object new to the map; cleared when the planner is next asked. */
    private boolean newObject;

    private double stuckS;
    private boolean commandedMotion;
    private Predicted lastPrediction;

    /** Ticks in a row that brought no newer telemetry, and the newest telemetry's time. */
    private int staleTicks;

    /** Whether the last telemetry had one range reading per sensor. */
    private boolean rangesMatched = true;

    private double lastTelemetryS = Double.NEGATIVE_INFINITY;

    private final boolean lockstep = options.planDeliveryTicks().isPresent();
    private double confidence = 1;
    private long planRequests;

    /** A request made this tick, for the planner's thread once the command is sent. */
    private PlanRequest outgoing;

    /** Time spent this tick making a request for the planner (copying the map), milliseconds. */
    private double requestMs;

    /** After a plan came to nothing, the planner is not asked again for that goal before this. */
    private long quietUntilTick;

    private ActionKind quietGoal;

    /** The plan being followed, with what it was for. */
    private PurePursuit follower;

    private ActionKind planGoal;
    private long plannedAt;
    private boolean planDone;

    /** The index in the route of the point {@code plan_to_waypoint()} goes to next. */
    private int nextPoint;

    Loop(AsyncPlanner planning) {
      this.planning = planning;
    }

    RunSummary run() throws IOException, InterruptedException {
      ExecutorService perceiving =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread thread = new Thread(r, "perception-" + agent.name());
                thread.setDaemon(true);
                return thread;
              });
      try {
        return run(perceiving);
      } finally {
        perceiving.shutdownNow();
        if (asking != null) {
          asking.cancel(true);
        }
      }
    }

    private RunSummary run(ExecutorService perceiving) throws IOException, InterruptedException {
      Optional<CameraSpec> camera = robot.capabilities().camera();
      boolean looking = (options.perception().isPresent() || vlm.isPresent()) && camera.isPresent();
      if (vlm.isPresent() && camera.isEmpty()) {
        box.event(
            0,
            "INSTINCT_FALLBACK",
            "the VLM instinct looks at camera frames and this robot has no camera: the rules"
                + " decide every tick");
      }
      CompletableFuture<CameraFrame> frame = looking ? robot.captureFrame() : null;
      Telemetry first =
          robot
              .latest()
              .orElseThrow(() -> new IOException("no telemetry from " + agent.name() + "'s robot"));
      home = first.pose();
      Pose2d last = home;
      int firstCollisions = first.status().collisions();
      long ticks = (long) Math.ceil(options.durationS() / options.tickPeriodS());
      double[] tickMs = new double[(int) ticks];
      double distanceM = 0;
      String outcome = "completed";
      long tick = 0;
      t = first;
      for (; tick < ticks; tick++) {
        long t0 = System.nanoTime();
        t = robot.latest().orElse(t);
        if (lastPrediction != null && t.timeS() > lastPrediction.timeS()) {
          surprise.observe(lastPrediction.prediction(), t.pose(), t.rangesM());
        }
        // As observed, before an escalation this tick starts it afresh.
        double surpriseM = surprise.levelM();
        if (t.rangesM().size() == robot.capabilities().rangeSensors().size()) {
          world.integrate(t);
        } else {
          // Readings that cannot be matched to sensors locate nothing; the validator refuses
          // motion on them too. The pose still counts.
          world.recordPose(t.timeS(), t.pose());
        }
        boolean matched = t.rangesM().size() == robot.capabilities().rangeSensors().size();
        if (!matched && rangesMatched) {
          note(
              tick,
              "SENSOR_DATA",
              t.rangesM().size()
                  + " range readings for "
                  + robot.capabilities().rangeSensors().size()
                  + " sensors; scans are not integrated until they match again");
        }
        rangesMatched = matched;
        advanceRoute(tick);
        staleTicks = t.timeS() > lastTelemetryS ? 0 : staleTicks + 1;
        lastTelemetryS = Math.max(lastTelemetryS, t.timeS());
        double moved = t.pose().translation().distanceTo(last.translation());
        distanceM += moved;
        // A refused motion is a robot that wanted to move and could not: stuck, as far as the
        // rules are concerned, so that their way out (back off, turn) comes up.
        // Turning in place counts as stuck too: a robot that only turns gets nowhere, and the
        // rules' way out (back off, turn) is what frees it.
        stuckS = commandedMotion && moved < STILL_M ? stuckS + options.tickPeriodS() : 0;
        last = t.pose();
        double elapsedS = tick * options.tickPeriodS();
        double frameWaitMs = 0;
        double modelWaitMs = 0;
        long tp0 = System.nanoTime();
        if (looking && lockstep && !frame.isDone()) {
          // In lockstep the frame asked for last tick has been taken; whether its bytes are in
          // yet depends on the host's threads, so wait for them, or runs would not repeat.
          try {
            var unused = frame.get(FRAME_WAIT_S, TimeUnit.SECONDS);
          } catch (ExecutionException | TimeoutException e) {
            // Handled below as a frame that did not come.
          }
          frameWaitMs = (System.nanoTime() - tp0) / 1e6;
        }
        long tp1 = System.nanoTime();
        if (looking && frame.isDone()) {
          // The frame asked for last tick; the next one is asked for now and used next tick.
          if (frame.isCompletedExceptionally()) {
            target = TargetView.UNKNOWN;
          } else {
            arrived(frame.join(), camera.orElseThrow(), perceiving);
          }
          frame = robot.captureFrame();
        } else if (looking && lockstep) {
          frame.cancel(true);
          target = TargetView.UNKNOWN;
          frame = robot.captureFrame();
        }
        double perceiveWaitMs = 0;
        if (seeing != null && lockstep && !seeing.isDone()) {
          // Perception runs on its own thread; in lockstep the tick waits for it, so runs repeat.
          long w0 = System.nanoTime();
          waitFor(seeing);
          perceiveWaitMs = (System.nanoTime() - w0) / 1e6;
        }
        if (seeing != null && seeing.isDone()) {
          seen(tick, seeing);
          seeing = null;
        }
        long tp2 = System.nanoTime();
        var readings =
            sense.read(t, home, stuckS, elapsedS, follower != null && !planDone, planDone, target);
        long t1 = System.nanoTime();
        Decision decision = engine.evaluate(readings);
        if (vlm.isPresent()) {
          long w0 = System.nanoTime();
          decision = instinct(tick, decision, readings);
          modelWaitMs = (System.nanoTime() - w0) / 1e6;
        }
        long t2 = System.nanoTime();
        Optional<Plan> arrived = planning.poll(tick);
        double waitMs = planning.lastWaitMs();
        Choice choice = decide(tick, decision, arrived);
        long t3 = System.nanoTime();
        choice = check(choice);
        long t4 = System.nanoTime();
        CompletableFuture<CommandResult> sent = robot.send(choice.command());
        String verdict;
        boolean linkLost = false;
        if (!sent.isDone()) {
          verdict = "passed the validator; sent";
        } else if (sent.isCompletedExceptionally()) {
          verdict = "not sent: the link failed";
          linkLost = true;
        } else {
          CommandResult result = sent.join();
          verdict = verdictOf(result);
          if (!result.accepted()) {
            // The robot is not doing what was predicted; comparing would be noise, not surprise.
            lastPrediction = null;
          }
        }
        if (linkLost) {
          lastPrediction = null;
        }
        commandedMotion = choice.command().isMotion();
        long t5 = System.nanoTime();
        if (outgoing != null) {
          var unused = planning.submit(outgoing);
          outgoing = null;
        }
        String brain = reflexHolds(t) ? "reflex" : choice.brain();
        byBrain.merge(brain, 1L, Long::sum);
        double planMs = (t3 - t2) / 1e6 - waitMs - requestMs;
        tickMs[(int) tick] = (t5 - t0) / 1e6 - waitMs - frameWaitMs - perceiveWaitMs - modelWaitMs;
        Map<String, Double> latencies = new LinkedHashMap<>();
        latencies.put("sense", (t1 - t0 - (tp2 - tp0)) / 1e6);
        if (looking) {
          latencies.put("perceive", (tp2 - tp1) / 1e6 - perceiveWaitMs);
        }
        if (frameWaitMs > 0) {
          latencies.put("frame_wait", frameWaitMs);
        }
        if (perceiveWaitMs > 0) {
          latencies.put("perceive_wait", perceiveWaitMs);
        }
        latencies.put("decide", (t2 - t1) / 1e6 - modelWaitMs);
        if (modelWaitMs > 0) {
          latencies.put("instinct_wait", modelWaitMs);
        }
        latencies.put("plan", planMs);
        latencies.put("predict", (t4 - t3) / 1e6);
        latencies.put("request", requestMs);
        requestMs = 0;
        latencies.put("send", (t5 - t4) / 1e6);
        if (waitMs > 0) {
          latencies.put("plan_wait", waitMs);
        }
        arrived.ifPresent(p -> latencies.put("planner", p.latencyMs()));
        TickRecord record =
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
                reflexHolds(t)
                    ? "the robot's reflex holds it stopped; " + choice.reason()
                    : choice.reason(),
                choice.confidence(),
                surpriseM,
                choice.command().describe(),
                verdict,
                latencies);
        box.tick(record);
        for (RunRecording.Event e : notes) {
          box.event(e.tick(), e.kind(), e.message());
        }
        notes.clear();
        details.drainTo(box, tick);
        listener.tick(record, world);
        if (tick % SNAPSHOT_TICKS == 0) {
          box.snapshot(tick, world.snapshot());
        }
        if (staleTicks >= STALE_TICKS) {
          outcome = "aborted: no new telemetry for " + STALE_TICKS + " ticks";
          box.event(tick, "LINK_LOST", "telemetry stopped at robot time " + lastTelemetryS + " s");
          tick++;
          break;
        }
        if (linkLost || !pace.next()) {
          outcome = "aborted: the robot stopped answering";
          box.event(tick, "LINK_LOST", "the link closed or no telemetry came after tick " + tick);
          tick++;
          break;
        }
        // After the pace, which returns at once for a stopped run: no tick runs after a stop.
        if (control.isStopped()) {
          outcome = "stopped";
          box.event(tick, "STOPPED", "stopped by a person after tick " + tick);
          tick++;
          break;
        }
      }
      // Labelled with the last tick run, whose state it is.
      box.snapshot(Math.max(0, tick - 1), world.snapshot());
      details.drainTo(box, Math.max(0, tick - 1));
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
              escalations,
              percentile(measured, 0.5),
              percentile(measured, 0.99));
      box.finish(summary);
      return summary;
    }

    /** What the brains chose this tick, before the predictor's check. */
    private Choice decide(long tick, Decision decision, Optional<Plan> arrived) throws IOException {
      String planNote = "";
      if (arrived.isPresent()) {
        planNote = take(tick, arrived.get(), decision);
      }
      if (!decision.matched()) {
        return new Choice(
            "instinct", "no rule matched (missing " + decision.missing() + ")", 0, new Stop());
      }
      double ruleConfidence = decision.missing().isEmpty() ? 1.0 : 0.75;
      ruleConfidence *= Math.max(0, 1 - surprise.levelM() / (2 * surprise.thresholdM()));
      if (!decision.needsPlanner()) {
        confidence = ruleConfidence;
        return new Choice(
            "instinct",
            decision.ruleText(),
            ruleConfidence,
            decision.toCommand(commandS).orElse(new Stop()));
      }
      ActionKind kind = decision.action().orElseThrow().kind();
      ActionKind goal = kind == ActionKind.FOLLOW_PLAN ? planGoal : kind;
      if (goal != null) {
        escalate(tick, goal).ifPresent(reason -> request(tick, goal, reason));
      }
      String note = planNote.isEmpty() ? "" : "; " + planNote;
      if (follower == null || planDone || goal != planGoal) {
        confidence = ruleConfidence;
        String why =
            planning.busy() || outgoing != null
                ? "waiting for the planner"
                : "nothing to plan to yet; looking around";
        return new Choice(
            "instinct",
            decision.ruleText() + " -> " + why + note,
            ruleConfidence,
            // Towards the more open side, the way the avoidance rules turn too, so the two do not
            // take turns undoing each other.
            new Twist(0, Math.copySign(LOOK_AROUND_RADPS, openSide()), commandS));
      }
      Optional<Twist> step = follower.update(t.pose());
      if (step.isEmpty()) {
        planDone = true;
        return new Choice("planner", decision.ruleText() + " -> plan done" + note, 1, new Stop());
      }
      confidence = 1;
      return new Choice(
          "planner",
          decision.ruleText() + " -> following the plan to " + destination(planGoal) + note,
          1,
          step.get());
    }

    /**
     * Moves the route on, cyclically, when the robot is at its next point; a plan to the point
     * reached is done, so the rules' {@code plan_to_waypoint()} asks for one to the next.
     */
    private void advanceRoute(long tick) {
      if (route.isEmpty()
          || t.pose().translation().distanceTo(route.get(nextPoint)) > WAYPOINT_REACHED_M) {
        return;
      }
      int reached = nextPoint;
      nextPoint = (nextPoint + 1) % route.size();
      note(
          tick,
          "WAYPOINT",
          String.format(
              Locale.ROOT,
              "reached point %d of %d at (%.2f, %.2f), next %d",
              reached + 1,
              route.size(),
              route.get(reached).xM(),
              route.get(reached).yM(),
              nextPoint + 1));
      if (planGoal == ActionKind.PLAN_TO_WAYPOINT) {
        planDone = true;
      }
    }

    private void note(long tick, String kind, String message) {
      notes.add(new RunRecording.Event(tick, kind, message));
    }

    /** Why the instinct should ask the planner now, if it should. */
    private Optional<Escalation> escalate(long tick, ActionKind goal) {
      if (planning.busy() || outgoing != null) {
        return Optional.empty();
      }
      if (newObject) {
        return Optional.of(Escalation.UNKNOWN_OBJECT);
      }
      if (follower == null || planDone || goal != planGoal) {
        return tick >= quietUntilTick || goal != quietGoal
            ? Optional.of(Escalation.GOAL_NEEDS_PLAN)
            : Optional.empty();
      }
      if (surprise.high()) {
        return Optional.of(Escalation.SURPRISE);
      }
      if (stuckS >= REPLAN_STUCK_S && tick - plannedAt >= RETRY_TICKS) {
        return Optional.of(Escalation.STUCK);
      }
      if (confidence < LOW_CONFIDENCE && tick - plannedAt >= RETRY_TICKS) {
        return Optional.of(Escalation.LOW_CONFIDENCE);
      }
      if (tick - plannedAt >= REPLAN_TICKS) {
        return Optional.of(Escalation.PERIODIC);
      }
      return Optional.empty();
    }

    private void request(long tick, ActionKind goal, Escalation reason) {
      long r0 = System.nanoTime();
      PlanRequest request =
          new PlanRequest(
              ++planRequests,
              tick,
              goal,
              reason,
              world.copy(),
              t.pose().translation(),
              home.translation(),
              runtime.target(),
              lastImage,
              lastDetections,
              goal == ActionKind.PLAN_TO_WAYPOINT
                  ? Optional.of(route.get(nextPoint))
                  : Optional.empty());
      // Handed to the planner's thread once the command is sent: waking that thread must not
      // delay the robot's command.
      outgoing = request;
      escalations.merge(reason.key(), 1L, Long::sum);
      newObject = false;
      plannedAt = tick;
      // The planner looks again with the map as it is: surprise starts afresh.
      surprise.reset();
      requestMs = (System.nanoTime() - r0) / 1e6;
    }

    /**
     * Asking again at once after nothing to plan to, a failure or a discarded plan would most
     * likely get the same: the map changes slowly.
     */
    private void quiet(long tick, ActionKind goal) {
      quietUntilTick = tick + BACKOFF_TICKS;
      quietGoal = goal;
    }

    /** Applies an arrived plan if it still fits; says what became of it. */
    private String take(long tick, Plan plan, Decision decision) {
      PlanRequest asked = plan.request();
      // The latency goes to the tick's latencies, not its reason: reasons repeat for a seed.
      String what =
          String.format(
              Locale.ROOT,
              "plan #%d to %s (%s)",
              asked.id(),
              destination(asked.goal()),
              asked.reason().key());
      if (plan.failed()) {
        note(tick, "PLANNER_ERROR", what + ": " + plan.error().orElseThrow());
        quiet(tick, asked.goal());
        return what + " failed";
      }
      if (plan.waypoints().isEmpty()) {
        note(tick, "PLAN_EMPTY", what + ": nothing to plan to");
        follower = null;
        planGoal = asked.goal();
        quiet(tick, asked.goal());
        return what + ": nothing to plan to";
      }
      if (asked.waypoint().isPresent() && !asked.waypoint().get().equals(route.get(nextPoint))) {
        // Not a reason to hold off: the point it was for is reached, and the next one wants a plan.
        String why = "the route has moved on to point " + (nextPoint + 1);
        note(tick, "PLAN_DISCARDED", what + ": " + why);
        return what + " discarded: " + why;
      }
      Optional<String> stale = staleness(asked, plan.waypoints().get(), decision);
      if (stale.isPresent()) {
        note(tick, "PLAN_DISCARDED", what + ": " + stale.get());
        quiet(tick, asked.goal());
        return what + " discarded: " + stale.get();
      }
      follower = new PurePursuit(plan.waypoints().get(), PurePursuit.Settings.reference());
      planGoal = asked.goal();
      planDone = false;
      note(tick, "PLAN", what + ": " + plan.waypoints().get().size() + " waypoints, applied");
      return what + " applied";
    }

    /** Why a plan no longer fits, if it does not. */
    private Optional<String> staleness(
        PlanRequest asked, List<Translation2d> path, Decision decision) {
      ActionKind wanted =
          decision.action().map(a -> a.kind()).filter(ActionKind::needsPlanner).orElse(null);
      if (wanted != null && wanted != ActionKind.FOLLOW_PLAN && wanted != asked.goal()) {
        return Optional.of("the rules now want " + wanted.key());
      }
      double drift = t.pose().translation().distanceTo(asked.robot());
      if (drift > MAX_PLAN_DRIFT_M) {
        return Optional.of(
            String.format(Locale.ROOT, "the robot moved %.2f m since it was asked", drift));
      }
      double step = world.geometry().resolutionM() / 2;
      for (int i = 1; i < path.size(); i++) {
        Translation2d a = path.get(i - 1);
        Translation2d b = path.get(i);
        double length = a.distanceTo(b);
        for (double s = 0; s <= length; s += step) {
          Translation2d p = a.plus(b.minus(a).times(length == 0 ? 0 : s / length));
          if (world.stateAt(p) == CellState.OCCUPIED) {
            return Optional.of(
                String.format(
                    Locale.ROOT,
                    "it now crosses a known obstacle at (%.2f, %.2f)",
                    p.xM(),
                    p.yM()));
          }
        }
      }
      return Optional.empty();
    }

    /**
     * The predictor's check: a motion predicted to bring the body into contact is replaced by a
     * turn in place towards the more open side, or a stop; the instinct's confidence drops, which
     * escalates to the planner.
     */
    private Choice check(Choice choice) {
      double track = robot.capabilities().trackWidthM();
      Optional<Motion> motion = Motion.of(choice.command(), track);
      if (motion.isEmpty()) {
        lastPrediction = null;
        return choice;
      }
      double v = (t.wheels().leftMps() + t.wheels().rightMps()) / 2;
      double omega = t.imu().yawRateRadps();
      Prediction p =
          predictor.predict(
              world, t.pose(), v, omega, motion.get(), options.tickPeriodS(), commandS);
      if (!p.collides()) {
        lastPrediction = new Predicted(p, t.timeS());
        return choice;
      }
      Twist turn = new Twist(0, Math.copySign(VETO_TURN_RADPS, openSide()), commandS);
      Prediction turning =
          predictor.predict(
              world,
              t.pose(),
              v,
              omega,
              Motion.of(turn, track).orElseThrow(),
              options.tickPeriodS(),
              commandS);
      Command instead = turning.collides() ? new Stop() : turn;
      lastPrediction =
          new Predicted(
              turning.collides()
                  ? predictor.predict(
                      world, t.pose(), v, omega, Motion.STOPPED, options.tickPeriodS(), commandS)
                  : turning,
              t.timeS());
      confidence = 0;
      return new Choice(
          choice.brain(),
          String.format(
              Locale.ROOT,
              "%s; predictor: %s would come within %.3f m of an obstacle, so %s",
              choice.reason(),
              choice.command().describe(),
              p.clearanceM(),
              instead.describe()),
          0,
          instead);
    }

    /** Positive when the left side reads more open than the right. */
    private double openSide() {
      double left = 0;
      double right = 0;
      var sensors = robot.capabilities().rangeSensors();
      for (int i = 0; i < sensors.size() && i < t.rangesM().size(); i++) {
        double angle = sensors.get(i).angle().radians();
        double r = Math.min(t.rangesM().get(i), sensors.get(i).maxRangeM());
        if (!Double.isFinite(r)) {
          continue;
        }
        if (angle > 1e-6 && angle < Math.PI - 1e-6) {
          left += r;
        } else if (angle < -1e-6 && angle > -Math.PI + 1e-6) {
          right += r;
        }
      }
      return left >= right ? 1 : -1;
    }

    /** A camera frame came: perception starts on it, and the VLM instinct will look at it. */
    private void arrived(CameraFrame image, CameraSpec spec, ExecutorService perceiving) {
      try {
        lastImage = Optional.of(new JpegImage(image.jpeg()));
      } catch (IllegalArgumentException e) {
        lastImage = Optional.empty();
      }
      freshFrame = image;
      Optional<Perception> perception = options.perception();
      if (perception.isPresent() && seeing == null) {
        framePose = t.pose();
        frameTimeS = t.timeS();
        seeingImage = image;
        seeing =
            CompletableFuture.supplyAsync(() -> perception.get().perceive(image, spec), perceiving);
      }
    }

    /** What perception made of a frame: the target's view, noted in the world model when seen. */
    private void seen(long tick, CompletableFuture<VisionFrame> done) {
      VisionFrame frame;
      try {
        frame = done.join();
      } catch (CompletionException e) {
        failedToSee(tick, "perception failed: " + e.getCause());
        return;
      } catch (CancellationException e) {
        failedToSee(tick, "perception was cancelled");
        return;
      }
      listener.seen(seeingImage, frame);
      if (frame.failed()) {
        failedToSee(
            tick, frame.detector() + " failed on frame " + frame.frameId() + ": " + frame.error());
        return;
      }
      perceptionFailing = false;
      lastDetections = frame.detections();
      Optional<String> label = runtime.target();
      if (label.isEmpty()) {
        target = TargetView.NOT_SEEN;
        return;
      }
      Optional<Detection> found =
          frame.detections().stream().filter(d -> d.label().equals(label.get())).findFirst();
      if (found.isPresent() && found.get().depthM() != null) {
        Detection d = found.get();
        newObject |= world.objects(d.label()).isEmpty();
        // Placed from where the robot was when the frame came: perception may take a while.
        world.observeObject(
            d.label(),
            framePose
                .translation()
                .plus(
                    Translation2d.polar(
                        d.depthM(),
                        framePose.heading().plus(Rotation2d.ofRadians(d.bearingRad())))),
            d.confidence(),
            frameTimeS);
      }
      target = TargetView.of(found);
    }

    /** A frame perception could not read: the target is unknown, never "not there". */
    private void failedToSee(long tick, String why) {
      target = TargetView.UNKNOWN;
      lastDetections = List.of();
      if (!perceptionFailing) {
        note(tick, "PERCEPTION_FAILED", why);
      }
      perceptionFailing = true;
    }

    /**
     * The VLM instinct's decision for this tick: its latest valid choice while that is no older
     * than the agent's latency budget, else the rules' (the fallback, said in the reason). A new
     * pass starts on each frame once the last one has answered.
     */
    private Decision instinct(long tick, Decision rules, Readings readings) {
      VlmInstinct model = vlm.orElseThrow();
      if (asking != null && lockstep && !asking.isDone()) {
        waitFor(asking);
      }
      if (asking != null && asking.isDone()) {
        InstinctReply reply = asking.join();
        asking = null;
        if (reply.fault().isPresent()) {
          fallback = reply.fault().get().message();
          current = null;
          note(tick, "INSTINCT_FALLBACK", "frame " + askingFrame + ": " + fallback);
        } else {
          // Its age counts from the frame it was asked about, not from when it was read.
          current = reply;
          currentTick = askedTick;
        }
      }
      if (freshFrame != null && asking == null) {
        askingFrame = freshFrame.frameId();
        askedTick = tick;
        asking = model.decide(freshFrame, readings);
        freshFrame = null;
      }
      if (current != null) {
        if ((tick - currentTick) * options.tickPeriodS() <= model.latencyBudgetS()) {
          return Decision.byModel(current.action().orElseThrow(), "vlm: " + current.reason());
        }
        fallback = "the model's last choice is older than its latency budget";
        current = null;
      }
      if (!rules.matched()) {
        return rules;
      }
      return new Decision(
          rules.ruleIndex(),
          "rules (vlm fallback: " + fallback + "): " + rules.ruleText(),
          rules.action(),
          rules.missing());
    }

    /** In lockstep: waits for work on another thread; its own timeout ends it well before this. */
    private void waitFor(CompletableFuture<?> work) {
      try {
        var unused = work.get(MODEL_WAIT_S, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException | CancellationException e) {
        // Whoever reads the result handles the failure.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * One tick's choice.
   *
   * @param brain which brain chose
   * @param reason why
   * @param confidence how sure it was, 0 to 1
   * @param command what goes to the robot
   */
  private record Choice(String brain, String reason, double confidence, Command command) {}

  /** A prediction and the telemetry time it was made from. */
  private record Predicted(Prediction prediction, double timeS) {}

  /** Where a plan action leads, in words. */
  private static String destination(ActionKind goal) {
    return switch (goal) {
      case PLAN_TO_FRONTIER -> "a frontier";
      case PLAN_HOME -> "home";
      case PLAN_TO_TARGET -> "the target";
      case PLAN_TO_WAYPOINT -> "the route's next point";
      default -> goal.key();
    };
  }

  /** Whether the robot's own reflex holds it: an emergency stop or the host-silence watchdog. */
  private static boolean reflexHolds(Telemetry t) {
    return t.status().emergencyLatched() || t.status().watchdogTripped();
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
