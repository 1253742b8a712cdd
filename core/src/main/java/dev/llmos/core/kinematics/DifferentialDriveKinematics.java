package dev.llmos.core.kinematics;

import dev.llmos.core.geometry.Twist2d;

/**
 * Converts between chassis speeds and wheel speeds for a differential drive.
 *
 * @param trackWidthM the distance between the wheels' contact points, metres
 */
public record DifferentialDriveKinematics(double trackWidthM) {
  public DifferentialDriveKinematics {
    if (!(trackWidthM > 0) || !Double.isFinite(trackWidthM)) {
      throw new IllegalArgumentException("the track width must be positive, got " + trackWidthM);
    }
  }

  public WheelSpeeds toWheelSpeeds(ChassisSpeeds speeds) {
    double half = speeds.omegaRadps() * trackWidthM / 2;
    return new WheelSpeeds(speeds.vxMps() - half, speeds.vxMps() + half);
  }

  public ChassisSpeeds toChassisSpeeds(WheelSpeeds wheels) {
    return new ChassisSpeeds(
        (wheels.leftMps() + wheels.rightMps()) / 2,
        (wheels.rightMps() - wheels.leftMps()) / trackWidthM);
  }

  /** The arc driven when the wheels travel the given distances (metres), e.g. from encoders. */
  public Twist2d toTwist(double leftDistanceM, double rightDistanceM) {
    return new Twist2d(
        (leftDistanceM + rightDistanceM) / 2, 0, (rightDistanceM - leftDistanceM) / trackWidthM);
  }
}
