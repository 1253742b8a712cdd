package dev.llmos.kernel.catalog;

import dev.llmos.kernel.rules.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code runtime} block of a robot agent: what the runtime needs to run it.
 *
 * @param goal what the robot is trying to do
 * @param target what it is after, for goals that have one (for example {@code red-ball})
 * @param instinctMode {@code rules} (offline) or {@code vlm}
 * @param latencyBudgetS how long one instinct decision may take before the rules take over
 * @param plannerMode {@code classical} (offline) or {@code rsa}
 * @param plannerPreset the RSA preset, only with {@code rsa}
 * @param params named numbers that rules and the runtime read, SI units in the name's suffix
 * @param rules the parsed {@code if <condition> then <action>} rules, first match wins; the last
 *     one's condition is {@code always}
 */
public record RobotRuntime(
    String goal,
    Optional<String> target,
    String instinctMode,
    Optional<Double> latencyBudgetS,
    String plannerMode,
    Optional<String> plannerPreset,
    Map<String, Double> params,
    List<Rule> rules) {

  public static final List<String> GOALS =
      List.of(
          "avoid_obstacles",
          "explore",
          "follow_wall",
          "seek_object",
          "patrol",
          "return_home",
          "follow_line");
  public static final List<String> INSTINCT_MODES = List.of("rules", "vlm");
  public static final List<String> PLANNER_MODES = List.of("classical", "rsa");
  public static final List<String> RSA_PRESETS = List.of("quick", "standard", "deep", "swarm");

  public RobotRuntime {
    params = Map.copyOf(params);
    rules = List.copyOf(rules);
  }
}
