package dev.llmos.kernel.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One result of a memory query.
 *
 * @param kind which layer it came from
 * @param id the trace id, or the long-term file's name
 * @param goal the goal it is about
 * @param score BM25 relevance to the query; higher is more relevant
 * @param time when the trace was logged, or when a learning was last confirmed
 * @param summary one line on how it went
 */
public record MemoryHit(
    MemoryKind kind, String id, String goal, double score, Instant time, String summary) {
  public MemoryHit {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(summary, "summary");
  }
}
