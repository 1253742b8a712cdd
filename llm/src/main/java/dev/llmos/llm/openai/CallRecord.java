package dev.llmos.llm.openai;

import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.TokenUsage;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one call to the model cost and how it ended; a client makes one for every call, failed or
 * not.
 *
 * @param latencyMs wall time from {@code chat(...)} to the outcome, milliseconds: waiting for a
 *     slot, every attempt and every backoff included
 * @param queueMs of that, the time spent waiting for a free slot before the first attempt
 * @param attempts HTTP requests sent (0 when the call ended before its first)
 * @param backoffMs the waits between attempts the client planned, summed (computed from the
 *     settings and {@code Retry-After}, so it repeats exactly)
 * @param usage tokens the server counted (zero for a failure)
 * @param failure how the call failed, empty for a success
 * @param status the HTTP status of the last answer, empty when none came
 */
public record CallRecord(
    double latencyMs,
    double queueMs,
    int attempts,
    long backoffMs,
    TokenUsage usage,
    Optional<ModelException.Kind> failure,
    OptionalInt status) {
  public CallRecord {
    if (!(latencyMs >= 0) || !(queueMs >= 0) || attempts < 0 || backoffMs < 0) {
      throw new IllegalArgumentException(
          "latency, queue time, attempts and backoff cannot be negative");
    }
    if (usage == null || failure == null || status == null) {
      throw new IllegalArgumentException("a call record needs usage, failure and status");
    }
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }

  /** Attempts after the first. */
  public int retries() {
    return Math.max(0, attempts - 1);
  }
}
