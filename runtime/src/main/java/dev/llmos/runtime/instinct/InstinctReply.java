package dev.llmos.runtime.instinct;

import dev.llmos.llm.chat.TokenUsage;
import java.util.Locale;
import java.util.Optional;

/**
 * What the {@link VlmInstinct} answered for one frame: an action to take, or a fault saying why
 * there is none, so that the controller uses its rules for the tick.
 *
 * @param action the action, present exactly when there is no fault (a late reply's action is not
 *     kept: it was chosen for a scene that has moved on)
 * @param reason the model's reason for its choice, empty when it gave none or there was no reply
 * @param fault why the reply cannot be used, empty when it can
 * @param latencyMs from asking to the answer (or to the deadline, when none came), milliseconds
 * @param tokens what the call used, {@link TokenUsage#NONE} when there was no reply
 */
public record InstinctReply(
    Optional<ResolvedAction> action,
    String reason,
    Optional<Fault> fault,
    double latencyMs,
    TokenUsage tokens) {

  /** The kinds of fault, each written as its {@link #key()} before the detail. */
  public enum FaultKind {
    /** The reply came but does not say a valid, allowed action; the detail names the field. */
    INVALID,
    /** The reply came after the latency budget, or not before it ran out. */
    LATE,
    /** There was no reply: the model failed. */
    MISSING;

    /** {@code invalid}, {@code late} or {@code missing}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Why a reply cannot be used.
   *
   * @param detail e.g. {@code args.v_mps is missing}
   */
  public record Fault(FaultKind kind, String detail) {
    public Fault {
      if (kind == null || detail == null || detail.isBlank()) {
        throw new IllegalArgumentException("a fault needs its kind and a detail");
      }
    }

    /** The fault in words, e.g. {@code late: 1.9 s over the 1.5 s budget}. */
    public String message() {
      return kind.key() + ": " + detail;
    }

    @Override
    public String toString() {
      return message();
    }
  }

  public InstinctReply {
    if (action == null || reason == null || fault == null || tokens == null) {
      throw new IllegalArgumentException("an instinct reply's parts must not be null");
    }
    if (action.isPresent() == fault.isPresent()) {
      throw new IllegalArgumentException(
          "an instinct reply has an action exactly when it has no fault, got action "
              + action
              + " and fault "
              + fault);
    }
    if (!(latencyMs >= 0 && latencyMs < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("latencyMs must be at least 0, got " + latencyMs);
    }
  }

  /** A usable reply. */
  public static InstinctReply of(
      ResolvedAction action, String reason, double latencyMs, TokenUsage tokens) {
    return new InstinctReply(Optional.of(action), reason, Optional.empty(), latencyMs, tokens);
  }

  /** A reply that cannot be used. */
  public static InstinctReply faulted(
      FaultKind kind, String detail, String reason, double latencyMs, TokenUsage tokens) {
    return new InstinctReply(
        Optional.empty(), reason, Optional.of(new Fault(kind, detail)), latencyMs, tokens);
  }

  /** Whether the action may be used. */
  public boolean ok() {
    return fault.isEmpty();
  }
}
