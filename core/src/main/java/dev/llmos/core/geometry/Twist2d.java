package dev.llmos.core.geometry;

/**
 * A motion along a constant-curvature arc, expressed in the robot's own frame at the start of the
 * motion: dx forward, dy left, dθ counter-clockwise. {@link Pose2d#exp(Twist2d)} applies it
 * exactly.
 *
 * @param dxM metres forward
 * @param dyM metres to the left (zero for a differential drive)
 * @param dThetaRad radians turned, counter-clockwise positive
 */
public record Twist2d(double dxM, double dyM, double dThetaRad) {
  public static final Twist2d ZERO = new Twist2d(0, 0, 0);

  public Twist2d {
    if (!Double.isFinite(dxM) || !Double.isFinite(dyM) || !Double.isFinite(dThetaRad)) {
      throw new IllegalArgumentException(
          "a twist must be finite, got " + dxM + ", " + dyM + ", " + dThetaRad);
    }
  }

  public Twist2d times(double scalar) {
    return new Twist2d(dxM * scalar, dyM * scalar, dThetaRad * scalar);
  }
}
