package dev.llmos.runtime.instinct;

import dev.llmos.hal.command.Command;
import dev.llmos.kernel.rules.Reading;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules decided on one tick.
 *
 * @param ruleIndex the 0-based index of the rule that applied, or -1 when none did
 * @param ruleText that rule as written, empty when none applied
 * @param action its action with numeric arguments, empty when no rule applied
 * @param missing readings that rules before (or at) the decision needed but that were absent; a
 *     rule that needs an absent reading does not apply
 */
public record Decision(
    int ruleIndex, String ruleText, Optional<ResolvedAction> action, Set<Reading> missing) {
  public Decision {
    missing = Set.copyOf(missing);
    if ((ruleIndex < 0) != action.isEmpty()) {
      throw new IllegalArgumentException("a decision has an action exactly when a rule applied");
    }
  }

  /** No rule applied. */
  public static Decision none(Set<Reading> missing) {
    return new Decision(-1, "", Optional.empty(), missing);
  }

  public boolean matched() {
    return ruleIndex >= 0;
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
