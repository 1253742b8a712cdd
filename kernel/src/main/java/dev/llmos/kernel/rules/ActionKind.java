package dev.llmos.kernel.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The actions a rule may take, each with its arguments (all numbers, in the named units). */
public enum ActionKind {
  FORWARD(false, "v_mps"),
  BACKWARD(false, "v_mps"),
  ROTATE(false, "angle_rad"),
  TWIST(false, "v_mps", "omega_radps"),
  STOP(false),
  SET_LED(false, "red", "green", "blue"),
  FOLLOW_PLAN(true),
  PLAN_TO_FRONTIER(true),
  PLAN_TO_TARGET(true),
  PLAN_HOME(true),
  /** To the next point of the agent's route, its {@code point_N_x_m}/{@code point_N_y_m} params. */
  PLAN_TO_WAYPOINT(true);

  private final boolean needsPlanner;
  // Joined into a String because an enum's fields must be immutable and List is not.
  private final String parameterNames;

  ActionKind(boolean needsPlanner, String... parameters) {
    this.needsPlanner = needsPlanner;
    this.parameterNames = String.join(", ", parameters);
  }

  /** The name rules use, such as {@code plan_home}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The names of its arguments, in order; their count is the action's arity. */
  public List<String> parameters() {
    return parameterNames.isEmpty() ? List.of() : List.of(parameterNames.split(", "));
  }

  /** Plan actions are carried out by the planner rather than turned into one motor command. */
  public boolean needsPlanner() {
    return needsPlanner;
  }

  /** How the action is written, such as {@code twist(v_mps, omega_radps)}. */
  public String signature() {
    return key() + "(" + parameterNames + ")";
  }

  public static Optional<ActionKind> byKey(String key) {
    return Arrays.stream(values()).filter(a -> a.key().equals(key)).findFirst();
  }
}
