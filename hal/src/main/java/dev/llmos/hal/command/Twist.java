package dev.llmos.hal.command;

import dev.llmos.core.kinematics.ChassisSpeeds;

/**
 * Drive at a forward speed and turn rate for a while, then stop (a velocity command, as ROS's
 * {@code geometry_msgs/Twist}).
 *
 * @param speeds forward speed (m/s) and turn rate (rad/s, counter-clockwise positive)
 * @param durationS how long the command stays in force, seconds
 */
public record Twist(ChassisSpeeds speeds, double durationS) implements Command {
  public Twist {
    Commands.requireNonNull(speeds, "speeds");
    Commands.requireFinite(durationS, "durationS");
  }

  public Twist(double vMps, double omegaRadps, double durationS) {
    this(new ChassisSpeeds(vMps, omegaRadps), durationS);
  }

  @Override
  public String describe() {
    return String.format(
        "twist v=%.3f m/s omega=%.3f rad/s for %.2f s",
        speeds.vxMps(), speeds.omegaRadps(), durationS);
  }
}
