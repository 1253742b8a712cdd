package dev.llmos.kernel.config;

/**
 * Robot limits from {@code kernel/safety-rules.md}; every command to a robot is checked against
 * them.
 *
 * @param maxWheelSpeedMps fastest either wheel may turn, metres per second at the rim
 * @param emergencyStopDistanceM closer than this, forward motion is refused and the robot stops
 * @param minSafeDistanceM closer than this, speed is scaled down
 * @param watchdogTimeoutS the robot stops by itself when no heartbeat arrives for this long
 * @param maxCommandDurationS the longest a single motion command may last
 */
public record SafetyLimits(
    double maxWheelSpeedMps,
    double emergencyStopDistanceM,
    double minSafeDistanceM,
    double watchdogTimeoutS,
    double maxCommandDurationS) {}
