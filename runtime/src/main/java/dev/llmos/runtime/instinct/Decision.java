package dev.llmos.runtime.instinct;

import dev.llmos.hal.command.Command;
import dev.llmos.kernel.rules.Reading;
import java.util.Optional;
import java.util.Set;

/**
 * What the instinct decided on one tick: one of the agent's rules, or the VLM in its place.
 *
 * @param ruleIndex the 0-based index of the rule that applied, {@link #BY_MODEL} when the VLM
 *     decided, or -1 when nothing did
 * @param ruleText that rule as written (for the VLM, its reason), empty when nothing applied
 * @param action its action with numeric arguments, empty when no rule applied
 * @param missing readings that rules before (or at) the decision needed but that were absent; a
 *     rule that needs an absent reading does not apply
 */
public record Decision(
    int ruleIndex, String ruleText, Optional<ResolvedAction> action, Set<Reading> missing) {
  /** The rule index of a decision the VLM made. */
  public static final int BY_MODEL = -2;

  public Decision {
    missing = Set.copyOf(missing);
    if ((ruleIndex == -1) != action.isEmpty() || ruleIndex < BY_MODEL) {
      throw new IllegalArgumentException(
          "a decision has an action exactly when a rule or the model decided");
    }
  }

  /** The VLM's choice, in the rules' vocabulary, with the model's reason. */
  public static Decision byModel(ResolvedAction action, String reason) {
    return new Decision(BY_MODEL, reason, Optional.of(action), Set.of());
  }

  /** No rule applied. */
  public static Decision none(Set<Reading> missing) {
    return new Decision(-1, "", Optional.empty(), missing);
  }

  public boolean matched() {
    return action.isPresent();
  }

  /** Whether the action is a plan action, for the planner to carry out. */
  public boolean needsPlanner() {
    return action.map(ResolvedAction::needsPlanner).orElse(false);
  }

  /** The HAL command for a motion or LED action; empty for a plan action or no decision. */
  public Optional<Command> toCommand(double durationS) {
    return action.flatMap(a -> a.toCommand(durationS));
  }
}
