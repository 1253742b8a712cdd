package dev.llmos.kernel.promotion;

import java.util.List;

/** A promotion that may not happen, with every reason; nothing was changed. */
public final class PromotionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> reasons;

  public PromotionRefusedException(String what, List<String> reasons) {
    super("cannot promote " + what + ": " + String.join("; ", reasons));
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
