package dev.llmos.hal.telemetry;

/**
 * What holds the robot and what it has been through.
 *
 * @param moving whether a motion command is in force
 * @param emergencyLatched whether an emergency stop holds the motors until a reset
 * @param watchdogTripped whether the robot stopped because the host went quiet, until the next
 *     motion command after heartbeats resume
 * @param collisions collisions counted since boot
 */
public record RobotStatus(
    boolean moving, boolean emergencyLatched, boolean watchdogTripped, int collisions) {
  public static final RobotStatus IDLE = new RobotStatus(false, false, false, 0);
}
