package dev.llmos.core.kinematics;

/**
 * The rim speeds of a differential drive's two wheels, positive forward.
 *
 * @param leftMps metres per second of the left wheel
 * @param rightMps metres per second of the right wheel
 */
public record WheelSpeeds(double leftMps, double rightMps) {
  public static final WheelSpeeds STOPPED = new WheelSpeeds(0, 0);

  public WheelSpeeds {
    if (!Double.isFinite(leftMps) || !Double.isFinite(rightMps)) {
      throw new IllegalArgumentException(
          "wheel speeds must be finite, got " + leftMps + ", " + rightMps);
    }
  }

  /** The faster wheel's speed, ignoring direction. */
  public double maxAbsMps() {
    return Math.max(Math.abs(leftMps), Math.abs(rightMps));
  }

  /**
   * These speeds scaled down together, so that neither wheel exceeds the limit and the path's
   * curvature is kept.
   */
  public WheelSpeeds desaturate(double maxMps) {
    double max = maxAbsMps();
    if (max <= maxMps || max == 0) {
      return this;
    }
    double k = maxMps / max;
    return new WheelSpeeds(leftMps * k, rightMps * k);
  }
}
