package dev.llmos.sim.world;

/**
 * How a wheel's motor and its controller follow a commanded rim speed: small commands do not
 * overcome static friction, the speed ramps at a limited acceleration, and it saturates at the
 * motor's top speed.
 *
 * @param deadbandMps a commanded speed smaller than this, in magnitude, leaves the wheel still
 * @param accelerationLimitMps2 the most the rim speed changes per second, m/s²
 * @param maxSpeedMps the motor's top rim speed, m/s
 */
public record MotorModel(double deadbandMps, double accelerationLimitMps2, double maxSpeedMps) {
  /** An N20-class gear motor on a 65 mm wheel, as on the reference robot. */
  public static final MotorModel REFERENCE = new MotorModel(0.02, 2.0, 0.5);

  public MotorModel {
    if (!(deadbandMps >= 0) || !(accelerationLimitMps2 > 0) || !(maxSpeedMps > deadbandMps)) {
      throw new IllegalArgumentException(
          "a motor model needs deadband >= 0, acceleration limit > 0 and max speed > deadband, got "
              + deadbandMps
              + ", "
              + accelerationLimitMps2
              + ", "
              + maxSpeedMps);
    }
    if (!Double.isFinite(accelerationLimitMps2) || !Double.isFinite(maxSpeedMps)) {
      throw new IllegalArgumentException("a motor model's limits must be finite");
    }
  }

  /**
   * The rim speed one step later.
   *
   * @param currentMps the wheel's speed now
   * @param commandedMps what the controller is asked for
   * @param stepS the step, seconds
   */
  public double next(double currentMps, double commandedMps, double stepS) {
    double target =
        Math.abs(commandedMps) < deadbandMps
            ? 0
            : Math.max(-maxSpeedMps, Math.min(maxSpeedMps, commandedMps));
    double maxChange = accelerationLimitMps2 * stepS;
    return currentMps + Math.max(-maxChange, Math.min(maxChange, target - currentMps));
  }
}
