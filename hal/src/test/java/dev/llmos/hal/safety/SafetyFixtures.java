package dev.llmos.hal.safety;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.hal.telemetry.Battery;
import dev.llmos.hal.telemetry.Imu;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The reference robot and the shipped limits, for the safety and reflex tests. */
public final class SafetyFixtures {
  /** The shipped defaults of {@code safety-rules.md}. */
  public static final SafetyLimits LIMITS =
      new SafetyLimits(0.3, 4.0, 0.05, 0.15, 0.30, 0.5, 5.0, 2.0, 4);

  public static final double TRACK_WIDTH_M = 0.07;
  public static final double WHEEL_DIAMETER_M = 0.065;
  public static final int TICKS_PER_REVOLUTION = 600;

  /** Indices of the reference robot's distance sensors. */
  public static final int FRONT = 0;

  public static final int FRONT_LEFT = 1;
  public static final int FRONT_RIGHT = 2;
  public static final int LEFT = 3;
  public static final int RIGHT = 4;
  public static final int REAR = 5;

  public static final List<RangeSensor> SENSORS =
      List.of(sensor(0), sensor(45), sensor(-45), sensor(90), sensor(-90), sensor(180));

  private SafetyFixtures() {}

  /** The reference robot: 70 mm track, 65 mm wheels, six distance sensors around it. */
  public static Capabilities robot(double maxWheelSpeedMps) {
    return new Capabilities(
        "cube-1",
        "reference",
        "test",
        TRACK_WIDTH_M,
        WHEEL_DIAMETER_M,
        TICKS_PER_REVOLUTION,
        maxWheelSpeedMps,
        0.5,
        SENSORS,
        0,
        Optional.empty());
  }

  public static Capabilities robot() {
    return robot(0.5);
  }

  /** Every sensor reading {@code clearM}, except those set by {@code (index, reading)} pairs. */
  public static List<Double> ranges(double clearM, double... indexAndReading) {
    Double[] r = new Double[SENSORS.size()];
    Arrays.fill(r, clearM);
    for (int i = 0; i < indexAndReading.length; i += 2) {
      r[(int) indexAndReading[i]] = indexAndReading[i + 1];
    }
    return List.of(r);
  }

  public static Telemetry telemetry(List<Double> rangesM, boolean bumper, boolean latched) {
    return new Telemetry(
        1.0,
        Pose2d.ORIGIN,
        WheelSpeeds.STOPPED,
        0,
        0,
        rangesM,
        Imu.AT_REST,
        bumper,
        List.of(),
        new Battery(8.0, 1.0),
        new RobotStatus(false, latched, false, 0));
  }

  /** Open space all around, bumper free, nothing latched. */
  public static Telemetry clear() {
    return telemetry(ranges(2.0), false, false);
  }

  private static RangeSensor sensor(double degrees) {
    return new RangeSensor(Rotation2d.ofDegrees(degrees), 0.02, 2.0);
  }
}
