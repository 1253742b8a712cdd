package dev.llmos.kernel.promotion;

import dev.llmos.kernel.usage.UsageStats;
import java.util.Optional;

/**
 * The use record a promotion is judged on: an item's uses in the volume it would leave.
 *
 * @param uses recorded uses, 0 when there is no record
 * @param successes successful uses among them
 */
public record Evidence(int uses, int successes) {
  public Evidence {
    if (uses < 0 || successes < 0 || successes > uses) {
      throw new IllegalArgumentException("successes must be between 0 and uses");
    }
  }

  public static Evidence of(Optional<UsageStats> stats) {
    return stats.map(s -> new Evidence(s.uses(), s.successes())).orElse(new Evidence(0, 0));
  }

  /** Successes over uses, 0 to 1; 0 when there are no uses. */
  public double successRate() {
    return uses == 0 ? 0 : (double) successes / uses;
  }

  /** {@code 6 uses, 5 successes (83%)}. */
  public String summary() {
    return uses
        + (uses == 1 ? " use, " : " uses, ")
        + successes
        + (successes == 1 ? " success" : " successes")
        + (uses == 0 ? "" : " (" + Percent.of(successRate()) + ")");
  }
}
