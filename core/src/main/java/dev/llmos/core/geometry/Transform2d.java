package dev.llmos.core.geometry;

/**
 * A rigid displacement from one frame to another: first translate, then rotate.
 *
 * @param translation where the new frame's origin lies in the old frame
 * @param rotation how much the new frame is turned against the old one
 */
public record Transform2d(Translation2d translation, Rotation2d rotation) {
  public static final Transform2d IDENTITY = new Transform2d(Translation2d.ZERO, Rotation2d.ZERO);

  public Transform2d {
    if (translation == null || rotation == null) {
      throw new IllegalArgumentException("a transform needs a translation and a rotation");
    }
  }

  public Transform2d(double xM, double yM, Rotation2d rotation) {
    this(new Translation2d(xM, yM), rotation);
  }

  /** The transform that undoes this one. */
  public Transform2d inverse() {
    return new Transform2d(
        translation.unaryMinus().rotateBy(rotation.unaryMinus()), rotation.unaryMinus());
  }
}
