package dev.llmos.kernel.memory;

import java.util.Objects;
import java.util.Optional;

/**
 * What a caller tells {@link MemoryStore#log} about a piece of work; the store adds the id and the
 * time. Each field follows the rules of {@link Trace}.
 *
 * @param durationS how long the work took, in seconds
 */
public record NewTrace(
    String agent,
    String goal,
    String outcome,
    double success,
    double durationS,
    Optional<String> parent,
    Optional<String> previous,
    String notes) {
  public NewTrace {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(previous, "previous");
    notes = notes == null ? "" : notes;
  }

  /** Work with no parent, no previous attempt and no notes. */
  public static NewTrace of(
      String agent, String goal, String outcome, double success, double durationS) {
    return new NewTrace(
        agent, goal, outcome, success, durationS, Optional.empty(), Optional.empty(), "");
  }
}
