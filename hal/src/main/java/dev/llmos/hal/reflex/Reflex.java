package dev.llmos.hal.reflex;

import dev.llmos.core.kinematics.ChassisSpeeds;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.Reset;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.safety.SafetyEnvelope;
import dev.llmos.hal.safety.SafetyRule;
import dev.llmos.hal.safety.Verdict;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.RobotStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The robot's reflex tier: it owns the motors and holds the safety limits on the robot itself,
 * every control cycle, without asking the host. The firmware implements the same logic in C; the
 * simulated robot runs this class. It checks each command with the same {@link SafetyEnvelope}
 * rules as the host's validator (the last line of defence), stops when the host goes quiet for the
 * watchdog timeout, cuts the motors before an obstacle or a pressed bumper, slows down near
 * obstacles, ends each command when its time is up or its distance or angle is covered (by the
 * wheel encoders), and latches an emergency stop until a reset.
 *
 * <p>Pure logic: time comes in as seconds on the robot's clock, nothing runs by itself. Not
 * thread-safe; the control loop owns it.
 */
public final class Reflex {
  /** The robot's control loop period: the reflex runs every 10 ms (100 Hz). */
  public static final double CONTROL_PERIOD_S = 0.01;

  private final SafetyEnvelope envelope;
  private final double metresPerTick;
  private final List<RobotEvent> pending = new ArrayList<>();
  private Motion motion;
  private boolean latched;
  private boolean watchdogTripped;
  private double lastHostFrameS = Double.NaN;
  private SensorReadings lastReadings;

  /** A motion in force: what the wheels should do, until when, and what ends it early. */
  private record Motion(
      Command command,
      ChassisSpeeds speeds,
      double expiresS,
      Goal until,
      double target,
      long startLeftTicks,
      long startRightTicks) {}

  private enum Goal {
    /** Runs until its duration is up. */
    TIME,
    /** Ends when the encoders have covered the distance, in metres. */
    DISTANCE,
    /** Ends when the encoders have turned the angle, in radians. */
    ANGLE
  }

  public Reflex(SafetyLimits limits, Capabilities capabilities) {
    this.envelope = new SafetyEnvelope(limits, capabilities);
    this.metresPerTick =
        Math.PI * capabilities.wheelDiameterM() / capabilities.ticksPerRevolution();
  }

  /** The robot time of the last intact frame from the host, or NaN before the first. */
  public double lastHostFrameS() {
    return lastHostFrameS;
  }

  /**
   * A frame from the host arrived (a heartbeat, a command, anything valid): the host is alive.
   * After a watchdog stop this alone does not move the robot; a new motion command does.
   */
  public void onHostFrame(double nowS) {
    lastHostFrameS = nowS;
  }

  /**
   * A command from the host. It counts as a host frame. Stop, emergency stop and reset always
   * succeed; motion is checked against the schema rules, the latch and the latest sensor readings,
   * and replaces any motion in force. A motion accepted after a watchdog stop resumes driving.
   */
  public Verdict onCommand(Command command, double nowS) {
    onHostFrame(nowS);
    if (command instanceof Stop) {
      motion = null;
      return new Verdict.Accepted(command, List.of());
    }
    if (command instanceof EmergencyStop) {
      motion = null;
      if (!latched) {
        pending.add(
            new RobotEvent(
                nowS,
                RobotEvent.Kind.EMERGENCY_STOP,
                "emergency stop commanded; motors held until reset"));
      }
      latched = true;
      return new Verdict.Accepted(command, List.of());
    }
    if (command instanceof Reset) {
      latched = false;
      return new Verdict.Accepted(command, List.of());
    }
    if (!command.isMotion()) {
      return envelope.shape(command);
    }
    if (latched) {
      return new Verdict.Refused(
          SafetyRule.EMERGENCY_LATCH, "an emergency stop is latched; send reset before moving");
    }
    if (lastReadings == null) {
      return new Verdict.Refused(
          SafetyRule.SENSOR_DATA, "no sensor reading yet; the control loop has not run");
    }
    Verdict shaped = envelope.shape(command);
    if (!(shaped instanceof Verdict.Accepted accepted)) {
      return shaped;
    }
    Verdict placed = envelope.inSurroundings(accepted.command(), lastReadings.surroundings());
    if (placed instanceof Verdict.Accepted inPlace) {
      start(inPlace.command(), nowS);
    }
    return placed;
  }

  /**
   * One control cycle: reads the sensors, applies the watchdog, the command's end, the reflex stop
   * and the slow-down, and says what the motors should do.
   */
  public ReflexOutput tick(double nowS, SensorReadings readings) {
    if (readings == null) {
      throw new IllegalArgumentException("sensor readings are required");
    }
    lastReadings = readings;
    List<RobotEvent> events = new ArrayList<>(pending);
    pending.clear();
    if (!watchdogTripped
        && !Double.isNaN(lastHostFrameS)
        && nowS - lastHostFrameS >= envelope.watchdogTimeoutS()) {
      watchdogTripped = true;
      events.add(
          new RobotEvent(
              nowS,
              RobotEvent.Kind.WATCHDOG_STOP,
              "no frame from the host for "
                  + String.format(Locale.ROOT, "%.3f", nowS - lastHostFrameS)
                  + " s"
                  + (motion != null ? "; stopped " + motion.command().describe() : "")
                  + "; waiting for heartbeats and a new command"));
      motion = null;
    }
    if (motion == null) {
      return new ReflexOutput(WheelSpeeds.STOPPED, events);
    }
    Optional<String> done = finished(nowS, readings);
    if (done.isPresent()) {
      events.add(new RobotEvent(nowS, RobotEvent.Kind.COMMAND_DONE, done.get()));
      motion = null;
      return new ReflexOutput(WheelSpeeds.STOPPED, events);
    }
    Optional<Verdict.Refused> blocked = envelope.blocked(motion.speeds(), readings.surroundings());
    if (blocked.isPresent()) {
      events.add(
          new RobotEvent(
              nowS,
              RobotEvent.Kind.REFLEX_STOP,
              "stopped " + motion.command().describe() + ": " + blocked.get().reason()));
      motion = null;
      return new ReflexOutput(WheelSpeeds.STOPPED, events);
    }
    ChassisSpeeds capped = envelope.capApproach(motion.speeds(), readings.surroundings());
    return new ReflexOutput(envelope.kinematics().toWheelSpeeds(capped), events);
  }

  /** The robot's flags for telemetry. */
  public RobotStatus status(int collisions) {
    return new RobotStatus(motion != null, latched, watchdogTripped, collisions);
  }

  private void start(Command command, double nowS) {
    watchdogTripped = false;
    ChassisSpeeds speeds = envelope.speedsOf(command);
    double maxS = envelope.limits().maxCommandDurationS();
    long left = lastReadings.leftTicks();
    long right = lastReadings.rightTicks();
    if (command instanceof DriveWheels drive) {
      motion = new Motion(command, speeds, nowS + drive.durationS(), Goal.TIME, 0, left, right);
    } else if (command instanceof Twist twist) {
      motion = new Motion(command, speeds, nowS + twist.durationS(), Goal.TIME, 0, left, right);
    } else if (command instanceof MoveDistance move) {
      motion =
          new Motion(command, speeds, nowS + maxS, Goal.DISTANCE, move.distanceM(), left, right);
    } else {
      Rotate rotate = (Rotate) command;
      motion = new Motion(command, speeds, nowS + maxS, Goal.ANGLE, rotate.angleRad(), left, right);
    }
  }

  /** Why the motion in force has ended, or empty while it goes on. */
  private Optional<String> finished(double nowS, SensorReadings readings) {
    double leftM = (readings.leftTicks() - motion.startLeftTicks()) * metresPerTick;
    double rightM = (readings.rightTicks() - motion.startRightTicks()) * metresPerTick;
    double covered =
        switch (motion.until()) {
          case TIME -> 0;
          case DISTANCE -> (leftM + rightM) / 2;
          case ANGLE -> (rightM - leftM) / envelope.kinematics().trackWidthM();
        };
    String what = motion.command().describe();
    // Progress counts along the target's sign, so driving the wrong way never completes.
    if (motion.until() != Goal.TIME
        && covered * Math.signum(motion.target()) >= Math.abs(motion.target())) {
      return Optional.of(what + ": reached");
    }
    if (nowS >= motion.expiresS()) {
      return Optional.of(
          motion.until() == Goal.TIME
              ? what + ": time is up"
              : what
                  + ": stopped at safety.max_command_duration_s after covering "
                  + String.format(Locale.ROOT, "%.3f", covered)
                  + (motion.until() == Goal.DISTANCE ? " m" : " rad"));
    }
    return Optional.empty();
  }
}
