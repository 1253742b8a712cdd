package dev.llmos.runtime.rsa;

import java.util.Optional;

/**
 * One member of an RSA population: an answer that passed its checks, or why it did not.
 *
 * @param value the answer, present exactly when it is valid
 * @param summary a short text of it for the history (for an invalid one, what the model said)
 * @param invalidReason why it is not a usable answer, present exactly when it is invalid
 * @param tokens what the call that made it used (0 when not made by a call)
 * @param <C> the answer's type
 */
public record Candidate<C>(
    Optional<C> value, String summary, Optional<String> invalidReason, int tokens) {
  public Candidate {
    if (value.isPresent() == invalidReason.isPresent()) {
      throw new IllegalArgumentException(
          "a candidate is either valid with a value or invalid with a reason, not both or neither");
    }
    if (summary == null) {
      throw new IllegalArgumentException("a candidate needs a summary");
    }
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens cannot be negative, got " + tokens);
    }
  }

  /** A valid answer. */
  public static <C> Candidate<C> of(C value, String summary, int tokens) {
    return new Candidate<>(Optional.of(value), summary, Optional.empty(), tokens);
  }

  /** An answer refused, and why. */
  public static <C> Candidate<C> rejected(String reason, String summary, int tokens) {
    return new Candidate<>(Optional.empty(), summary, Optional.of(reason), tokens);
  }

  public boolean isValid() {
    return value.isPresent();
  }
}
