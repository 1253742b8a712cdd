package dev.llmos.kernel.promotion;

import dev.llmos.kernel.config.PromotionPolicy;
import dev.llmos.kernel.usage.UsageKey;
import java.util.List;
import java.util.Objects;

/**
 * Whether an item may take a promotion step now, and if not, why.
 *
 * @param shortfalls where the evidence falls short of the step's threshold, each with by how much
 * @param blockers other reasons the step cannot be taken now (approval, a read-only target, a name
 *     already taken there)
 */
public record PromotionCheck(
    UsageKey item,
    Step step,
    Evidence evidence,
    PromotionPolicy.Threshold threshold,
    List<String> shortfalls,
    List<String> blockers) {

  public PromotionCheck {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(threshold, "threshold");
    shortfalls = List.copyOf(shortfalls);
    blockers = List.copyOf(blockers);
  }

  /** The evidence meets the threshold. */
  public boolean qualifies() {
    return shortfalls.isEmpty();
  }

  /** The evidence meets the threshold and nothing else stands in the way. */
  public boolean allowed() {
    return shortfalls.isEmpty() && blockers.isEmpty();
  }

  /** Every reason the step cannot be taken, shortfalls first. */
  public List<String> reasons() {
    return java.util.stream.Stream.concat(shortfalls.stream(), blockers.stream()).toList();
  }

  /** {@code skill tape-tracker, user to team: 6 uses, 5 successes (83%)}. */
  public String describe() {
    return item.describe()
        + ", "
        + step.from().label()
        + " to "
        + step.to().label()
        + ": "
        + evidence.summary();
  }
}
