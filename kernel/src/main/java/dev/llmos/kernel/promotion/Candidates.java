package dev.llmos.kernel.promotion;

import java.util.List;

/**
 * What could be promoted.
 *
 * @param qualifying items whose evidence meets their next step's threshold (some may still need
 *     approval or a writable target; see {@link PromotionCheck#blockers()})
 * @param close items that do not qualify yet but are near: at least half the uses needed, and a
 *     success rate within 10 points of the one needed
 */
public record Candidates(List<PromotionCheck> qualifying, List<PromotionCheck> close) {
  public Candidates {
    qualifying = List.copyOf(qualifying);
    close = List.copyOf(close);
  }
}
