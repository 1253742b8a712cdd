package dev.llmos.sim.world;

/**
 * Standard deviations of the simulated sensors' noise. Zero everywhere gives exact readings.
 *
 * @param rangeSigmaM distance sensor noise, metres
 * @param yawRateSigmaRadps gyro noise, rad/s
 * @param accelSigmaMps2 accelerometer noise per axis, m/s²
 * @param encoderSlipSigma relative wheel slip per step: the encoder counts the ground distance
 *     times (1 + |N(0, σ)|), since a slipping wheel turns more than the robot moves
 * @param lineSigma line sensor noise on its 0–1 reading
 */
public record SensorNoise(
    double rangeSigmaM,
    double yawRateSigmaRadps,
    double accelSigmaMps2,
    double encoderSlipSigma,
    double lineSigma) {
  public static final SensorNoise NONE = new SensorNoise(0, 0, 0, 0, 0);

  /** Typical of a VL53L0X-class time-of-flight sensor, an MPU-6050-class IMU and N20 encoders. */
  public static final SensorNoise REFERENCE = new SensorNoise(0.005, 0.01, 0.05, 0.01, 0.05);

  public SensorNoise {
    if (!(rangeSigmaM >= 0)
        || !(yawRateSigmaRadps >= 0)
        || !(accelSigmaMps2 >= 0)
        || !(encoderSlipSigma >= 0)
        || !(lineSigma >= 0)) {
      throw new IllegalArgumentException("noise standard deviations must be >= 0");
    }
  }
}
