package dev.llmos.hal.telemetry;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import java.util.List;

/**
 * One sample of everything a robot senses, sent at a fixed rate.
 *
 * @param timeS robot time since boot, seconds
 * @param pose the robot's own estimate of its pose (odometry; the simulator reports the true pose)
 * @param wheels measured rim speeds, m/s
 * @param leftTicks left encoder count since boot
 * @param rightTicks right encoder count since boot
 * @param rangesM one reading per distance sensor, in the order of the capabilities, metres; a
 *     sensor that sees nothing within its range reads its maximum range
 * @param imu yaw rate and acceleration
 * @param bumper whether the bumper is pressed
 * @param lineSensors one value per downward line sensor, 0 (floor) to 1 (line)
 * @param battery the battery's state
 * @param status what the robot is doing and whether a safety stop holds it
 */
public record Telemetry(
    double timeS,
    Pose2d pose,
    WheelSpeeds wheels,
    long leftTicks,
    long rightTicks,
    List<Double> rangesM,
    Imu imu,
    boolean bumper,
    List<Double> lineSensors,
    Battery battery,
    RobotStatus status) {

  public Telemetry {
    rangesM = List.copyOf(rangesM);
    lineSensors = List.copyOf(lineSensors);
    if (pose == null || wheels == null || imu == null || battery == null || status == null) {
      throw new IllegalArgumentException("a telemetry sample needs every field");
    }
  }

  /** The smallest distance reading, or positive infinity when the robot has no distance sensors. */
  public double nearestRangeM() {
    double nearest = Double.POSITIVE_INFINITY;
    for (double r : rangesM) {
      nearest = Math.min(nearest, r);
    }
    return nearest;
  }
}
