package dev.llmos.core.geometry;

/**
 * Where a robot is and which way it faces, in a fixed world frame (ROS REP-103: x forward, y left,
 * heading counter-clockwise from +x). Headings are kept as integrated, not wrapped; use {@link
 * Rotation2d#wrapped()} to compare directions.
 *
 * @param translation the position, metres
 * @param rotation the heading
 */
public record Pose2d(Translation2d translation, Rotation2d rotation) {
  public static final Pose2d ORIGIN = new Pose2d(Translation2d.ZERO, Rotation2d.ZERO);

  /** Below this turn an arc is treated as a straight line (series expansion of sin θ/θ). */
  private static final double SMALL_ANGLE_RAD = 1e-9;

  public Pose2d {
    if (translation == null || rotation == null) {
      throw new IllegalArgumentException("a pose needs a translation and a rotation");
    }
  }

  public Pose2d(double xM, double yM, Rotation2d heading) {
    this(new Translation2d(xM, yM), heading);
  }

  public double xM() {
    return translation.xM();
  }

  public double yM() {
    return translation.yM();
  }

  public Rotation2d heading() {
    return rotation;
  }

  /** The pose reached by applying a transform expressed in this pose's frame. */
  public Pose2d transformBy(Transform2d transform) {
    return new Pose2d(
        translation.plus(transform.translation().rotateBy(rotation)),
        rotation.plus(transform.rotation()));
  }

  /** This pose seen from another pose's frame. */
  public Pose2d relativeTo(Pose2d other) {
    Translation2d offset =
        translation.minus(other.translation).rotateBy(other.rotation.unaryMinus());
    return new Pose2d(offset, rotation.minus(other.rotation));
  }

  /**
   * The pose reached by driving along the twist's constant-curvature arc from this pose. Exact for
   * a differential drive holding its wheel speeds (no Euler error).
   */
  public Pose2d exp(Twist2d twist) {
    double dTheta = twist.dThetaRad();
    double sinTheta = Math.sin(dTheta);
    double cosTheta = Math.cos(dTheta);
    double s;
    double c;
    if (Math.abs(dTheta) < SMALL_ANGLE_RAD) {
      s = 1.0 - dTheta * dTheta / 6.0;
      c = 0.5 * dTheta;
    } else {
      s = sinTheta / dTheta;
      c = (1 - cosTheta) / dTheta;
    }
    Translation2d local =
        new Translation2d(twist.dxM() * s - twist.dyM() * c, twist.dxM() * c + twist.dyM() * s);
    return new Pose2d(
        translation.plus(local.rotateBy(rotation)), rotation.plus(Rotation2d.ofRadians(dTheta)));
  }

  /** The twist that {@link #exp} would turn into the given end pose; the inverse of exp. */
  public Twist2d log(Pose2d end) {
    Pose2d delta = end.relativeTo(this);
    double dTheta = delta.rotation.radians();
    double halfTheta = dTheta / 2;
    double cosMinusOne = Math.cos(dTheta) - 1;
    double halfThetaByTanHalf =
        Math.abs(cosMinusOne) < 1e-9
            ? 1.0 - dTheta * dTheta / 12.0
            : -(halfTheta * Math.sin(dTheta)) / cosMinusOne;
    Translation2d local =
        delta
            .translation
            .rotateBy(new Rotation2d(-halfTheta))
            .times(Math.hypot(halfThetaByTanHalf, halfTheta));
    return new Twist2d(local.xM(), local.yM(), dTheta);
  }
}
