package dev.llmos.hal.robot;

import dev.llmos.core.geometry.Rotation2d;

/**
 * A distance sensor on the robot's body (time-of-flight style).
 *
 * @param angle the direction it faces in the robot's frame, 0 = forward, counter-clockwise positive
 * @param minRangeM nearest distance it can measure, metres
 * @param maxRangeM farthest distance it can measure, metres
 */
public record RangeSensor(Rotation2d angle, double minRangeM, double maxRangeM) {
  public RangeSensor {
    if (angle == null || !(minRangeM >= 0) || !(maxRangeM > minRangeM)) {
      throw new IllegalArgumentException(
          "a range sensor needs an angle and 0 <= min < max, got " + minRangeM + ", " + maxRangeM);
    }
  }

  /** Whether this sensor looks along the given direction of travel (within ±60°). */
  public boolean faces(double travelDirectionRad) {
    return Math.abs(Rotation2d.wrap(angle.radians() - travelDirectionRad)) <= Math.toRadians(60);
  }
}
