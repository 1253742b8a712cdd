package dev.llmos.hal.telemetry;

/**
 * An inertial reading in the robot's frame.
 *
 * @param yawRateRadps turn rate about z, rad/s, counter-clockwise positive
 * @param accelXMps2 forward acceleration, m/s²
 * @param accelYMps2 leftward acceleration, m/s²
 */
public record Imu(double yawRateRadps, double accelXMps2, double accelYMps2) {
  public static final Imu AT_REST = new Imu(0, 0, 0);
}
