package dev.llmos.core.kinematics;

/**
 * How fast a differential-drive robot moves in its own frame: forward speed and turn rate.
 *
 * @param vxMps metres per second forward
 * @param omegaRadps radians per second, counter-clockwise positive
 */
public record ChassisSpeeds(double vxMps, double omegaRadps) {
  public static final ChassisSpeeds STOPPED = new ChassisSpeeds(0, 0);

  public ChassisSpeeds {
    if (!Double.isFinite(vxMps) || !Double.isFinite(omegaRadps)) {
      throw new IllegalArgumentException(
          "chassis speeds must be finite, got " + vxMps + ", " + omegaRadps);
    }
  }
}
