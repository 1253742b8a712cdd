package dev.llmos.hal.safety;

import dev.llmos.core.kinematics.ChassisSpeeds;
import dev.llmos.core.kinematics.DifferentialDriveKinematics;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stateless safety rules for one robot: what a command may be (schema, ranges, clamps) and
 * where the robot may move given what it senses (obstacles, bumper, slow-down). The host's {@link
 * SafetyValidator} and the robot's reflex both apply these same rules; the state each keeps (latch,
 * oscillation, watchdog) lives with them. Immutable and thread-safe.
 */
public final class SafetyEnvelope {
  private static final double FULL_TURN_RAD = 2 * Math.PI;

  private final SafetyLimits limits;
  private final List<RangeSensor> sensors;
  private final DifferentialDriveKinematics kinematics;
  private final double maxWheelSpeedMps;
  private final String wheelLimitName;
  private final double watchdogTimeoutS;

  public SafetyEnvelope(SafetyLimits limits, Capabilities capabilities) {
    if (limits == null || capabilities == null) {
      throw new IllegalArgumentException("a safety envelope needs the limits and the capabilities");
    }
    if (!(capabilities.maxWheelSpeedMps() > 0) || !(capabilities.watchdogTimeoutS() > 0)) {
      throw new IllegalArgumentException(
          "robot '"
              + capabilities.robotId()
              + "' must report a positive top wheel speed and watchdog timeout, got "
              + capabilities.maxWheelSpeedMps()
              + " m/s and "
              + capabilities.watchdogTimeoutS()
              + " s");
    }
    this.limits = limits;
    this.sensors = capabilities.rangeSensors();
    this.kinematics = new DifferentialDriveKinematics(capabilities.trackWidthM());
    boolean robotIsSlower = capabilities.maxWheelSpeedMps() < limits.maxWheelSpeedMps();
    this.maxWheelSpeedMps =
        robotIsSlower ? capabilities.maxWheelSpeedMps() : limits.maxWheelSpeedMps();
    this.wheelLimitName = robotIsSlower ? "the robot's top speed" : "safety.max_wheel_speed_mps";
    // The stricter of the kernel's policy and what the robot's firmware implements.
    this.watchdogTimeoutS = Math.min(limits.watchdogTimeoutS(), capabilities.watchdogTimeoutS());
  }

  public SafetyLimits limits() {
    return limits;
  }

  public DifferentialDriveKinematics kinematics() {
    return kinematics;
  }

  /**
   * The fastest either wheel may turn: the kernel's limit or the robot's own, whichever is lower.
   */
  public double maxWheelSpeedMps() {
    return maxWheelSpeedMps;
  }

  /** How long without a host frame or a sensor reading is too long: the stricter of both sides. */
  public double watchdogTimeoutS() {
    return watchdogTimeoutS;
  }

  /**
   * The schema and range rules, whatever the robot senses: durations positive and cut to the
   * longest allowed, wheel speeds and turn rates scaled down (keeping the curve), distances and
   * angles cut to what fits in the longest command, LED channels 0–255. Commands that do not move
   * the robot pass unchanged.
   */
  public Verdict shape(Command command) {
    if (command instanceof DriveWheels drive) {
      return shapeDrive(drive);
    }
    if (command instanceof Twist twist) {
      return shapeTwist(twist);
    }
    if (command instanceof MoveDistance move) {
      return shapeMove(move);
    }
    if (command instanceof Rotate rotate) {
      return shapeRotate(rotate);
    }
    if (command instanceof SetLed led) {
      return shapeLed(led);
    }
    return Verdict.accept(command);
  }

  /**
   * The context rules for a command that already passed {@link #shape}: no motion towards an
   * obstacle within the emergency distance or forward into a pressed bumper, and speed towards an
   * obstacle capped inside the slow-down distance. Turning in place is always allowed, since it
   * moves nothing closer.
   */
  public Verdict inSurroundings(Command shaped, Surroundings surroundings) {
    if (!shaped.isMotion()) {
      return Verdict.accept(shaped);
    }
    ChassisSpeeds speeds = speedsOf(shaped);
    Optional<Verdict.Refused> blocked = blocked(speeds, surroundings);
    if (blocked.isPresent()) {
      return blocked.get();
    }
    ChassisSpeeds capped = capApproach(speeds, surroundings);
    if (capped.equals(speeds)) {
      return Verdict.accept(shaped);
    }
    List<Adjustment> adjustments = new ArrayList<>();
    double clearance = clearanceM(speeds, surroundings);
    adjustments.add(
        new Adjustment(
            SafetyRule.SLOW_DOWN,
            "an obstacle "
                + num(clearance)
                + " m "
                + (speeds.vxMps() > 0 ? "ahead" : "behind")
                + " is inside safety.slow_down_distance_m "
                + num(limits.slowDownDistanceM())
                + " m; speed cut from "
                + num(Math.abs(speeds.vxMps()))
                + " to "
                + num(Math.abs(capped.vxMps()))
                + " m/s"));
    Command out;
    if (shaped instanceof DriveWheels drive) {
      out = new DriveWheels(kinematics.toWheelSpeeds(capped), drive.durationS());
    } else if (shaped instanceof Twist twist) {
      out = new Twist(capped, twist.durationS());
    } else {
      MoveDistance move = (MoveDistance) shaped;
      double speed = Math.abs(capped.vxMps());
      out = new MoveDistance(fitDistance(move.distanceM(), speed, adjustments), speed);
    }
    return new Verdict.Accepted(out, adjustments);
  }

  /**
   * Why moving at these speeds is not allowed in these surroundings, or empty when it is: forward
   * into a pressed bumper, towards an obstacle within the emergency stop distance, or readings that
   * do not match the robot's sensors.
   */
  public Optional<Verdict.Refused> blocked(ChassisSpeeds speeds, Surroundings surroundings) {
    if (surroundings.rangesM().size() != sensors.size()) {
      return Optional.of(
          new Verdict.Refused(
              SafetyRule.SENSOR_DATA,
              "the robot sent "
                  + surroundings.rangesM().size()
                  + " range readings for its "
                  + sensors.size()
                  + " distance sensors, so obstacles cannot be located; not moving"));
    }
    double v = speeds.vxMps();
    if (v == 0) {
      return Optional.empty();
    }
    if (v > 0 && surroundings.bumper()) {
      return Optional.of(
          new Verdict.Refused(
              SafetyRule.BUMPER,
              "the bumper is pressed; only backing up or turning in place is allowed"));
    }
    double clearance = clearanceM(speeds, surroundings);
    if (clearance <= limits.emergencyStopDistanceM()) {
      return Optional.of(
          new Verdict.Refused(
              SafetyRule.OBSTACLE,
              "an obstacle "
                  + num(clearance)
                  + " m "
                  + (v > 0 ? "ahead" : "behind")
                  + " is within safety.emergency_stop_distance_m "
                  + num(limits.emergencyStopDistanceM())
                  + " m; only moving away or turning in place is allowed"));
    }
    return Optional.empty();
  }

  /**
   * These speeds with the speed towards the nearest obstacle in the direction of travel capped by
   * the slow-down rule. The turn rate is kept, so the robot can still turn away; the wheels only
   * get slower.
   */
  public ChassisSpeeds capApproach(ChassisSpeeds speeds, Surroundings surroundings) {
    double v = speeds.vxMps();
    if (v == 0) {
      return speeds;
    }
    double cap =
        Math.min(maxWheelSpeedMps, limits.approachSpeedCapMps(clearanceM(speeds, surroundings)));
    return Math.abs(v) <= cap
        ? speeds
        : new ChassisSpeeds(Math.copySign(cap, v), speeds.omegaRadps());
  }

  /**
   * The chassis speeds a motion command asks for: its wheels or twist, a move's straight-line
   * speed, a rotation's turn rate; stopped for any other command.
   */
  public ChassisSpeeds speedsOf(Command command) {
    if (command instanceof DriveWheels drive) {
      return kinematics.toChassisSpeeds(drive.speeds());
    }
    if (command instanceof Twist twist) {
      return twist.speeds();
    }
    if (command instanceof MoveDistance move) {
      return new ChassisSpeeds(Math.copySign(move.speedMps(), move.distanceM()), 0);
    }
    if (command instanceof Rotate rotate) {
      return new ChassisSpeeds(0, Math.copySign(rotate.rateRadps(), rotate.angleRad()));
    }
    return ChassisSpeeds.STOPPED;
  }

  /**
   * The nearest reading of the sensors that face the direction of travel (forward when {@code vx}
   * is positive, backward when negative); infinite when the robot is not translating or no sensor
   * faces that way. A reading that is not a number or negative counts as contact.
   */
  public double clearanceM(ChassisSpeeds speeds, Surroundings surroundings) {
    double v = speeds.vxMps();
    if (v == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double direction = v > 0 ? 0 : Math.PI;
    double nearest = Double.POSITIVE_INFINITY;
    int n = Math.min(sensors.size(), surroundings.rangesM().size());
    for (int i = 0; i < n; i++) {
      if (sensors.get(i).faces(direction)) {
        double reading = surroundings.rangesM().get(i);
        nearest = Math.min(nearest, reading >= 0 ? reading : 0);
      }
    }
    return nearest;
  }

  private Verdict shapeDrive(DriveWheels drive) {
    if (!(drive.durationS() > 0)) {
      return nonPositiveDuration(drive.durationS());
    }
    List<Adjustment> adjustments = new ArrayList<>();
    double duration = cutDuration(drive.durationS(), adjustments);
    WheelSpeeds wheels = drive.speeds();
    if (wheels.maxAbsMps() > maxWheelSpeedMps) {
      adjustments.add(wheelSpeedAdjustment(wheels.maxAbsMps()));
      wheels = wheels.desaturate(maxWheelSpeedMps);
    }
    double omega = kinematics.toChassisSpeeds(wheels).omegaRadps();
    if (Math.abs(omega) > limits.maxTurnRateRadps()) {
      adjustments.add(turnRateAdjustment(omega));
      double k = limits.maxTurnRateRadps() / Math.abs(omega);
      wheels = new WheelSpeeds(wheels.leftMps() * k, wheels.rightMps() * k);
    }
    return new Verdict.Accepted(
        adjustments.isEmpty() ? drive : new DriveWheels(wheels, duration), adjustments);
  }

  private Verdict shapeTwist(Twist twist) {
    if (!(twist.durationS() > 0)) {
      return nonPositiveDuration(twist.durationS());
    }
    List<Adjustment> adjustments = new ArrayList<>();
    double duration = cutDuration(twist.durationS(), adjustments);
    double v = twist.speeds().vxMps();
    double omega = twist.speeds().omegaRadps();
    // Turn rate first: it bounds omega, so the wheel speed below cannot overflow.
    if (Math.abs(omega) > limits.maxTurnRateRadps()) {
      adjustments.add(turnRateAdjustment(omega));
      double k = limits.maxTurnRateRadps() / Math.abs(omega);
      v *= k;
      omega *= k;
    }
    double fastestWheel = Math.abs(v) + Math.abs(omega) * kinematics.trackWidthM() / 2;
    if (fastestWheel > maxWheelSpeedMps) {
      adjustments.add(wheelSpeedAdjustment(fastestWheel));
      double k = maxWheelSpeedMps / fastestWheel;
      v *= k;
      omega *= k;
    }
    return new Verdict.Accepted(
        adjustments.isEmpty() ? twist : new Twist(v, omega, duration), adjustments);
  }

  private Verdict shapeMove(MoveDistance move) {
    if (!(move.speedMps() > 0)) {
      return new Verdict.Refused(
          SafetyRule.SCHEMA,
          "a move's speed must be positive (the distance's sign gives the direction), got "
              + move.speedMps()
              + " m/s");
    }
    if (move.distanceM() == 0) {
      return new Verdict.Refused(SafetyRule.SCHEMA, "a move of 0 m does nothing; send stop");
    }
    List<Adjustment> adjustments = new ArrayList<>();
    double speed = move.speedMps();
    if (speed > maxWheelSpeedMps) {
      adjustments.add(wheelSpeedAdjustment(speed));
      speed = maxWheelSpeedMps;
    }
    double distance = fitDistance(move.distanceM(), speed, adjustments);
    return new Verdict.Accepted(
        adjustments.isEmpty() ? move : new MoveDistance(distance, speed), adjustments);
  }

  private Verdict shapeRotate(Rotate rotate) {
    if (!(rotate.rateRadps() > 0)) {
      return new Verdict.Refused(
          SafetyRule.SCHEMA,
          "a rotation's rate must be positive (the angle's sign gives the direction), got "
              + rotate.rateRadps()
              + " rad/s");
    }
    double angle = rotate.angleRad();
    if (angle == 0) {
      return new Verdict.Refused(SafetyRule.SCHEMA, "a rotation by 0 rad does nothing; send stop");
    }
    if (Math.abs(angle) > FULL_TURN_RAD) {
      return new Verdict.Refused(
          SafetyRule.SCHEMA,
          "a rotation of "
              + angle
              + " rad is more than one full turn (2π); send one rotation per turn");
    }
    List<Adjustment> adjustments = new ArrayList<>();
    double rate = rotate.rateRadps();
    if (rate > limits.maxTurnRateRadps()) {
      adjustments.add(turnRateAdjustment(rate));
      rate = limits.maxTurnRateRadps();
    }
    double wheelSpeed = rate * kinematics.trackWidthM() / 2;
    if (wheelSpeed > maxWheelSpeedMps) {
      adjustments.add(wheelSpeedAdjustment(wheelSpeed));
      rate = 2 * maxWheelSpeedMps / kinematics.trackWidthM();
    }
    double reach = rate * limits.maxCommandDurationS();
    if (Math.abs(angle) > reach) {
      adjustments.add(
          new Adjustment(
              SafetyRule.COMMAND_DURATION,
              "at "
                  + num(rate)
                  + " rad/s a rotation within safety.max_command_duration_s "
                  + num(limits.maxCommandDurationS())
                  + " s turns at most "
                  + num(reach)
                  + " rad; cut from "
                  + num(Math.abs(angle))
                  + " rad"));
      angle = Math.copySign(reach, angle);
    }
    return new Verdict.Accepted(
        adjustments.isEmpty() ? rotate : new Rotate(angle, rate), adjustments);
  }

  private static Verdict shapeLed(SetLed led) {
    int[] channels = {led.red(), led.green(), led.blue()};
    String[] names = {"red", "green", "blue"};
    for (int i = 0; i < channels.length; i++) {
      if (channels[i] < 0 || channels[i] > 255) {
        return new Verdict.Refused(
            SafetyRule.SCHEMA, "LED channel " + names[i] + " must be 0 to 255, got " + channels[i]);
      }
    }
    return Verdict.accept(led);
  }

  private static Verdict nonPositiveDuration(double durationS) {
    return new Verdict.Refused(
        SafetyRule.SCHEMA, "a motion's duration must be positive, got " + durationS + " s");
  }

  private double cutDuration(double durationS, List<Adjustment> adjustments) {
    if (durationS <= limits.maxCommandDurationS()) {
      return durationS;
    }
    adjustments.add(
        new Adjustment(
            SafetyRule.COMMAND_DURATION,
            "duration "
                + num(durationS)
                + " s cut to safety.max_command_duration_s "
                + num(limits.maxCommandDurationS())
                + " s"));
    return limits.maxCommandDurationS();
  }

  /** The distance cut to what the speed covers within the longest command. */
  private double fitDistance(double distanceM, double speedMps, List<Adjustment> adjustments) {
    double reach = speedMps * limits.maxCommandDurationS();
    if (Math.abs(distanceM) <= reach) {
      return distanceM;
    }
    adjustments.add(
        new Adjustment(
            SafetyRule.COMMAND_DURATION,
            "at "
                + num(speedMps)
                + " m/s a move within safety.max_command_duration_s "
                + num(limits.maxCommandDurationS())
                + " s covers at most "
                + num(reach)
                + " m; cut from "
                + num(Math.abs(distanceM))
                + " m"));
    return Math.copySign(reach, distanceM);
  }

  private Adjustment wheelSpeedAdjustment(double fastestMps) {
    return new Adjustment(
        SafetyRule.WHEEL_SPEED,
        "wheel speed "
            + num(fastestMps)
            + " m/s is above "
            + wheelLimitName
            + " "
            + num(maxWheelSpeedMps)
            + " m/s; scaled down keeping the curve");
  }

  private Adjustment turnRateAdjustment(double omegaRadps) {
    return new Adjustment(
        SafetyRule.TURN_RATE,
        "turn rate "
            + num(Math.abs(omegaRadps))
            + " rad/s is above safety.max_turn_rate_radps "
            + num(limits.maxTurnRateRadps())
            + " rad/s; scaled down keeping the curve");
  }

  /** A readable number: three decimals without trailing zeros, or scientific when huge. */
  static String num(double value) {
    if (!(Math.abs(value) < 1e6)) {
      return Double.toString(value);
    }
    String s = String.format(Locale.ROOT, "%.3f", value);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
