package dev.llmos.core.safety;

/**
 * The hard physical limits from the kernel's {@code safety-rules.md}. The host's safety validator
 * checks every command against them and the robot's reflex enforces them again on the robot. Field
 * names in messages are the kernel file's keys, because that is where a person changes them.
 *
 * @param maxWheelSpeedMps fastest either wheel may turn, metres per second at the rim
 * @param maxTurnRateRadps fastest the robot may turn, radians per second, either way
 * @param emergencyStopDistanceM closer than this to an obstacle, motion towards it is cut
 * @param minSafeDistanceM the clearance agents and planners must keep, metres
 * @param slowDownDistanceM closer than this, speed towards an obstacle is scaled down linearly to
 *     zero at the emergency stop distance
 * @param watchdogTimeoutS the robot stops by itself when no heartbeat arrives for this long
 * @param maxCommandDurationS the longest a single motion command may last
 * @param oscillationWindowS the time window in which direction reversals are counted
 * @param maxDirectionReversals reversals of drive or turn direction allowed within the window
 */
public record SafetyLimits(
    double maxWheelSpeedMps,
    double maxTurnRateRadps,
    double emergencyStopDistanceM,
    double minSafeDistanceM,
    double slowDownDistanceM,
    double watchdogTimeoutS,
    double maxCommandDurationS,
    double oscillationWindowS,
    int maxDirectionReversals) {

  public SafetyLimits {
    requirePositive(maxWheelSpeedMps, "max_wheel_speed_mps");
    requirePositive(maxTurnRateRadps, "max_turn_rate_radps");
    requirePositive(emergencyStopDistanceM, "emergency_stop_distance_m");
    requirePositive(minSafeDistanceM, "min_safe_distance_m");
    requirePositive(slowDownDistanceM, "slow_down_distance_m");
    requirePositive(watchdogTimeoutS, "watchdog_timeout_s");
    requirePositive(maxCommandDurationS, "max_command_duration_s");
    requirePositive(oscillationWindowS, "oscillation_window_s");
    if (maxDirectionReversals < 1) {
      throw new IllegalArgumentException(
          "max_direction_reversals must be at least 1, got " + maxDirectionReversals);
    }
    requireAbove(
        minSafeDistanceM,
        "min_safe_distance_m",
        emergencyStopDistanceM,
        "emergency_stop_distance_m");
    requireAbove(
        slowDownDistanceM, "slow_down_distance_m", minSafeDistanceM, "min_safe_distance_m");
  }

  /**
   * The fastest the robot may move towards an obstacle this far away: the wheel limit at or beyond
   * the slow-down distance, falling linearly to zero at the emergency stop distance.
   */
  public double approachSpeedCapMps(double obstacleDistanceM) {
    double fraction =
        (obstacleDistanceM - emergencyStopDistanceM) / (slowDownDistanceM - emergencyStopDistanceM);
    return maxWheelSpeedMps * Math.max(0, Math.min(1, fraction));
  }

  private static void requirePositive(double value, String key) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(key + " must be a positive number, got " + value);
    }
  }

  private static void requireAbove(double value, String key, double floor, String floorKey) {
    if (!(value > floor)) {
      throw new IllegalArgumentException(
          key + " (" + value + ") must be larger than " + floorKey + " (" + floor + ")");
    }
  }
}
