package dev.llmos.kernel.memory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one consolidation did.
 *
 * @param written learnings created or extended with new evidence
 * @param prunedAsOld ids of short-term traces removed for being older than {@code
 *     memory.retention.short_term_days}
 * @param prunedOverLimit ids of short-term traces removed, oldest first, to keep at most {@code
 *     memory.retention.max_short_term_traces}
 * @param damaged memory files skipped because they could not be read
 * @param commit the commit made, or nothing when memory was already consolidated
 */
public record ConsolidationReport(
    List<Learning> written,
    List<String> prunedAsOld,
    List<String> prunedOverLimit,
    List<DamagedFile> damaged,
    Optional<String> commit) {
  public ConsolidationReport {
    written = List.copyOf(written);
    prunedAsOld = List.copyOf(prunedAsOld);
    prunedOverLimit = List.copyOf(prunedOverLimit);
    damaged = List.copyOf(damaged);
    Objects.requireNonNull(commit, "commit");
  }

  /** How many short-term traces retention removed, for both reasons together. */
  public int tracesPruned() {
    return prunedAsOld.size() + prunedOverLimit.size();
  }
}
