package dev.llmos.core.geometry;

/**
 * An angle in the plane, counter-clockwise positive (ROS REP-103). Keeps the angle as given and its
 * cosine and sine, so composing rotations does not lose precision through repeated wrapping.
 *
 * @param radians the angle, not wrapped
 */
public record Rotation2d(double radians) {
  public static final Rotation2d ZERO = new Rotation2d(0);

  public Rotation2d {
    if (!Double.isFinite(radians)) {
      throw new IllegalArgumentException("an angle must be finite, got " + radians);
    }
  }

  public static Rotation2d ofRadians(double radians) {
    return new Rotation2d(radians);
  }

  public static Rotation2d ofDegrees(double degrees) {
    return new Rotation2d(Math.toRadians(degrees));
  }

  /** The angle of the vector (x, y); (0, 0) gives zero. */
  public static Rotation2d fromVector(double x, double y) {
    return new Rotation2d(Math.atan2(y, x));
  }

  public double degrees() {
    return Math.toDegrees(radians);
  }

  public double cos() {
    return Math.cos(radians);
  }

  public double sin() {
    return Math.sin(radians);
  }

  /** The same direction as an angle in (-π, π]. */
  public Rotation2d wrapped() {
    return new Rotation2d(wrap(radians));
  }

  public Rotation2d plus(Rotation2d other) {
    return new Rotation2d(radians + other.radians);
  }

  public Rotation2d minus(Rotation2d other) {
    return new Rotation2d(radians - other.radians);
  }

  public Rotation2d unaryMinus() {
    return new Rotation2d(-radians);
  }

  public Rotation2d times(double scalar) {
    return new Rotation2d(radians * scalar);
  }

  /** Wraps an angle into (-π, π]. */
  public static double wrap(double radians) {
    double wrapped = Math.IEEEremainder(radians, 2 * Math.PI);
    return wrapped <= -Math.PI ? wrapped + 2 * Math.PI : wrapped;
  }
}
