package dev.llmos.hal.command;

/**
 * Construction checks shared by the commands. Only shape is checked here (no NaN, no nulls); ranges
 * and limits are the safety validator's job, so that a bad value becomes a refusal with a reason.
 */
final class Commands {
  private Commands() {}

  static void requireFinite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number, got " + value);
    }
  }

  static void requireNonNull(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
  }
}
