package dev.llmos.core.geometry;

/**
 * A point or displacement in the plane, in metres: x forward, y left (ROS REP-103).
 *
 * @param xM metres along x
 * @param yM metres along y
 */
public record Translation2d(double xM, double yM) {
  public static final Translation2d ZERO = new Translation2d(0, 0);

  public Translation2d {
    if (!Double.isFinite(xM) || !Double.isFinite(yM)) {
      throw new IllegalArgumentException("a translation must be finite, got " + xM + ", " + yM);
    }
  }

  /** The vector of the given length pointing along the given angle. */
  public static Translation2d polar(double distanceM, Rotation2d angle) {
    return new Translation2d(distanceM * angle.cos(), distanceM * angle.sin());
  }

  public double norm() {
    return Math.hypot(xM, yM);
  }

  public double distanceTo(Translation2d other) {
    return Math.hypot(other.xM - xM, other.yM - yM);
  }

  /** The direction of this vector from the origin. */
  public Rotation2d angle() {
    return Rotation2d.fromVector(xM, yM);
  }

  public Translation2d plus(Translation2d other) {
    return new Translation2d(xM + other.xM, yM + other.yM);
  }

  public Translation2d minus(Translation2d other) {
    return new Translation2d(xM - other.xM, yM - other.yM);
  }

  public Translation2d times(double scalar) {
    return new Translation2d(xM * scalar, yM * scalar);
  }

  public Translation2d unaryMinus() {
    return new Translation2d(-xM, -yM);
  }

  /** This vector turned counter-clockwise by the rotation. */
  public Translation2d rotateBy(Rotation2d rotation) {
    double c = rotation.cos();
    double s = rotation.sin();
    return new Translation2d(xM * c - yM * s, xM * s + yM * c);
  }
}
