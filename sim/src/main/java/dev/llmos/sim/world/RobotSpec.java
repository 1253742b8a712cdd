package dev.llmos.sim.world;

import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.kinematics.DifferentialDriveKinematics;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build of a simulated robot: a square body on a differential drive, its motors, sensors and
 * battery. Robot frame as REP-103: x forward, y left, origin at the body's centre between the
 * wheels.
 *
 * @param model the model name the robot reports
 * @param bodySizeM the body's side, metres (a cube seen from above)
 * @param trackWidthM distance between the wheels' contact points, metres
 * @param wheelDiameterM metres
 * @param ticksPerRevolution encoder ticks per wheel revolution
 * @param motor how each wheel follows its command
 * @param rangeSensors distance sensors, each mounted where its direction leaves the body's square
 * @param lineSensorOffsets downward line sensors' positions in the robot frame, metres
 * @param noise the sensors' noise
 * @param battery the battery
 */
public record RobotSpec(
    String model,
    double bodySizeM,
    double trackWidthM,
    double wheelDiameterM,
    int ticksPerRevolution,
    MotorModel motor,
    List<RangeSensor> rangeSensors,
    List<Translation2d> lineSensorOffsets,
    SensorNoise noise,
    BatteryModel battery) {

  /** The reference ToF sensor's range (VL53L0X class). */
  public static final double REFERENCE_MIN_RANGE_M = 0.02;

  public static final double REFERENCE_MAX_RANGE_M = 2.0;

  /** The reference robot's camera: QVGA, 60 degrees across. */
  public static final CameraSpec REFERENCE_CAMERA = new CameraSpec(320, 240, Math.toRadians(60));

  public RobotSpec {
    rangeSensors = List.copyOf(rangeSensors);
    lineSensorOffsets = List.copyOf(lineSensorOffsets);
    if (model == null || model.isBlank() || motor == null || noise == null || battery == null) {
      throw new IllegalArgumentException("a robot spec needs a model, motor, noise and battery");
    }
    if (!(bodySizeM > 0) || !(trackWidthM > 0) || !(wheelDiameterM > 0) || ticksPerRevolution < 1) {
      throw new IllegalArgumentException(
          "a robot's body size, track width, wheel diameter and ticks must be positive");
    }
    if (trackWidthM > bodySizeM) {
      throw new IllegalArgumentException(
          "the track width " + trackWidthM + " m does not fit the body of " + bodySizeM + " m");
    }
  }

  /**
   * The reference robot: an 8 cm cube, 70 mm track, 65 mm wheels, 360-tick encoders, range sensors
   * evenly spaced from forward, and three line sensors across the front edge.
   */
  public static RobotSpec reference(int rangeSensorCount) {
    return new RobotSpec(
        "llmos-reference",
        0.08,
        0.070,
        0.065,
        360,
        MotorModel.REFERENCE,
        evenlySpacedRangeSensors(rangeSensorCount, REFERENCE_MIN_RANGE_M, REFERENCE_MAX_RANGE_M),
        List.of(
            new Translation2d(0.035, 0.015),
            new Translation2d(0.035, 0),
            new Translation2d(0.035, -0.015)),
        SensorNoise.REFERENCE,
        BatteryModel.REFERENCE);
  }

  /** {@code count} sensors at equal angles, the first looking forward, then counter-clockwise. */
  public static List<RangeSensor> evenlySpacedRangeSensors(
      int count, double minRangeM, double maxRangeM) {
    if (count < 0) {
      throw new IllegalArgumentException("a sensor count must be >= 0, got " + count);
    }
    List<RangeSensor> sensors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sensors.add(
          new RangeSensor(Rotation2d.ofRadians(2 * Math.PI * i / count), minRangeM, maxRangeM));
    }
    return sensors;
  }

  public RobotSpec withNoise(SensorNoise newNoise) {
    return new RobotSpec(
        model,
        bodySizeM,
        trackWidthM,
        wheelDiameterM,
        ticksPerRevolution,
        motor,
        rangeSensors,
        lineSensorOffsets,
        newNoise,
        battery);
  }

  public RobotSpec withMotor(MotorModel newMotor) {
    return new RobotSpec(
        model,
        bodySizeM,
        trackWidthM,
        wheelDiameterM,
        ticksPerRevolution,
        newMotor,
        rangeSensors,
        lineSensorOffsets,
        noise,
        battery);
  }

  public RobotSpec withBattery(BatteryModel newBattery) {
    return new RobotSpec(
        model,
        bodySizeM,
        trackWidthM,
        wheelDiameterM,
        ticksPerRevolution,
        motor,
        rangeSensors,
        lineSensorOffsets,
        noise,
        newBattery);
  }

  /**
   * The radius of the disc the robot collides as: half the body's diagonal, so the disc holds the
   * square at every heading and a robot turning on the spot can never swing a corner into a wall.
   */
  public double collisionRadiusM() {
    return bodySizeM * Math.sqrt(2) / 2;
  }

  /**
   * How far from the centre a sensor looking along {@code angle} sits: where that direction leaves
   * the square body (half the side forward, half the diagonal at 45°).
   */
  public double mountDistanceM(Rotation2d angle) {
    return bodySizeM / 2 / Math.max(Math.abs(angle.cos()), Math.abs(angle.sin()));
  }

  public DifferentialDriveKinematics kinematics() {
    return new DifferentialDriveKinematics(trackWidthM);
  }

  /** Rim distance per encoder tick, metres. */
  public double metresPerTick() {
    return Math.PI * wheelDiameterM / ticksPerRevolution;
  }

  /** What a robot of this build says about itself when it connects. */
  public Capabilities capabilities(
      String robotId,
      String firmwareVersion,
      double watchdogTimeoutS,
      Optional<CameraSpec> camera) {
    return new Capabilities(
        robotId,
        model,
        firmwareVersion,
        trackWidthM,
        wheelDiameterM,
        ticksPerRevolution,
        motor.maxSpeedMps(),
        watchdogTimeoutS,
        rangeSensors,
        lineSensorOffsets.size(),
        camera);
  }
}
