package dev.llmos.hal.safety;

/** The safety rules, each a code that names why a command was refused or changed. */
public enum SafetyRule {
  /** A value the robot cannot act on: a non-positive duration or speed, an LED channel past 255. */
  SCHEMA,
  /** A motion lasts at most {@code max_command_duration_s}; longer ones are cut. */
  COMMAND_DURATION,
  /** No wheel faster than {@code max_wheel_speed_mps} or the robot's own top speed. */
  WHEEL_SPEED,
  /** No turn faster than {@code max_turn_rate_radps}. */
  TURN_RATE,
  /** No motion towards an obstacle within {@code emergency_stop_distance_m}. */
  OBSTACLE,
  /** No forward motion while the bumper is pressed. */
  BUMPER,
  /** Speed towards an obstacle falls linearly inside {@code slow_down_distance_m}. */
  SLOW_DOWN,
  /** No motion without a fresh, well-formed sensor reading. */
  SENSOR_DATA,
  /** No more than {@code max_direction_reversals} reversals within the oscillation window. */
  OSCILLATION,
  /** After an emergency stop nothing moves until a reset. */
  EMERGENCY_LATCH
}
