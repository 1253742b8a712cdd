package dev.llmos.kernel.promotion;

import dev.llmos.kernel.catalog.Provenance;
import dev.llmos.kernel.usage.UsageKey;
import java.util.Objects;

/**
 * A promotion that was made.
 *
 * @param provenance the entry appended to the promoted copy's frontmatter
 * @param targetCommit the commit that added the item to the target volume
 * @param removalCommit the commit that removed it from the source volume
 */
public record Promotion(
    UsageKey item, Step step, Provenance provenance, String targetCommit, String removalCommit) {
  public Promotion {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(targetCommit, "targetCommit");
    Objects.requireNonNull(removalCommit, "removalCommit");
  }
}
