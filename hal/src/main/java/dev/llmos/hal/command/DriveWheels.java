package dev.llmos.hal.command;

import dev.llmos.core.kinematics.WheelSpeeds;

/**
 * Turn each wheel at its own rim speed for a while, then stop.
 *
 * @param speeds left and right rim speeds, m/s, positive forward
 * @param durationS how long the command stays in force, seconds
 */
public record DriveWheels(WheelSpeeds speeds, double durationS) implements Command {
  public DriveWheels {
    Commands.requireNonNull(speeds, "speeds");
    Commands.requireFinite(durationS, "durationS");
  }

  @Override
  public String describe() {
    return String.format(
        "drive-wheels left=%.3f m/s right=%.3f m/s for %.2f s",
        speeds.leftMps(), speeds.rightMps(), durationS);
  }
}
