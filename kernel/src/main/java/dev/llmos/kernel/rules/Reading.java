package dev.llmos.kernel.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The named readings a rule may test: what the runtime measures or derives each control tick. The
 * name of a number ends with its unit; a flag has no unit.
 */
public enum Reading {
  FRONT_M(ValueType.NUMBER, "range straight ahead, metres"),
  FRONT_LEFT_M(ValueType.NUMBER, "range ahead and to the left, metres"),
  FRONT_RIGHT_M(ValueType.NUMBER, "range ahead and to the right, metres"),
  LEFT_M(ValueType.NUMBER, "range to the left, metres"),
  RIGHT_M(ValueType.NUMBER, "range to the right, metres"),
  REAR_M(ValueType.NUMBER, "range straight behind, metres"),
  REAR_LEFT_M(ValueType.NUMBER, "range behind and to the left, metres"),
  REAR_RIGHT_M(ValueType.NUMBER, "range behind and to the right, metres"),
  BUMPER(ValueType.BOOLEAN, "the bumper is pressed"),
  BATTERY_PCT(ValueType.NUMBER, "battery charge, percent"),
  SPEED_MPS(ValueType.NUMBER, "measured forward speed, m/s"),
  YAW_RATE_RADPS(ValueType.NUMBER, "measured turn rate, rad/s, counter-clockwise positive"),
  STUCK_S(ValueType.NUMBER, "how long the robot has been commanded to move without moving, s"),
  ELAPSED_S(ValueType.NUMBER, "time since the agent started, s"),
  TARGET_VISIBLE(ValueType.BOOLEAN, "the target is in view"),
  TARGET_DISTANCE_M(ValueType.NUMBER, "distance to the target, metres"),
  TARGET_BEARING_RAD(ValueType.NUMBER, "bearing of the target, rad, left positive"),
  HOME_DISTANCE_M(ValueType.NUMBER, "distance to the home pose, metres"),
  HOME_BEARING_RAD(ValueType.NUMBER, "bearing of the home pose, rad, left positive"),
  LINE_LEFT(ValueType.BOOLEAN, "the left floor sensor sees the line"),
  LINE_CENTER(ValueType.BOOLEAN, "the centre floor sensor sees the line"),
  LINE_RIGHT(ValueType.BOOLEAN, "the right floor sensor sees the line"),
  PLAN_READY(ValueType.BOOLEAN, "the planner has a path to follow"),
  PLAN_DONE(ValueType.BOOLEAN, "the robot has reached the end of its path");

  private static final Map<String, Reading> BY_KEY =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(Reading::key, Function.identity()));

  private final ValueType type;
  private final String meaning;

  Reading(ValueType type, String meaning) {
    this.type = type;
    this.meaning = meaning;
  }

  /** The name rules use, such as {@code front_m}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public ValueType type() {
    return type;
  }

  /** What the reading measures and in which unit. */
  public String meaning() {
    return meaning;
  }

  public static Optional<Reading> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }
}
