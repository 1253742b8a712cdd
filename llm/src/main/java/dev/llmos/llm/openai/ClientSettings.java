package dev.llmos.llm.openai;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How a {@link OpenAiChatClient} calls: its time limit, retries and concurrency.
 *
 * @param timeout the most one call may take, retries and waiting for a free slot included; past it
 *     the call fails with {@code TIMEOUT}
 * @param maxRetries how many times a call is repeated after a 429, a 5xx or a connection failure
 *     (other failures are not repeated)
 * @param backoffBase the wait before the first retry; it doubles for each further retry
 * @param backoffCap the longest wait between attempts, also for a server's {@code Retry-After}
 * @param maxConcurrent the most HTTP requests one client has in flight; further calls wait their
 *     turn without blocking anyone (llama.cpp serves as many requests at once as it has {@code -np}
 *     slots, so more only queue there)
 */
public record ClientSettings(
    Duration timeout,
    int maxRetries,
    Duration backoffBase,
    Duration backoffCap,
    int maxConcurrent) {
  /** 30 s per call, 3 retries, backoff from 250 ms up to 4 s, 4 requests at once. */
  public static final ClientSettings DEFAULTS =
      new ClientSettings(
          Duration.ofSeconds(30), 3, Duration.ofMillis(250), Duration.ofSeconds(4), 4);

  public ClientSettings {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be more than 0, got " + timeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be at least 0, got " + maxRetries);
    }
    if (backoffBase == null || backoffBase.isNegative()) {
      throw new IllegalArgumentException("backoffBase must be at least 0, got " + backoffBase);
    }
    if (backoffCap == null || backoffCap.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException(
          "backoffCap must be at least backoffBase (" + backoffBase + "), got " + backoffCap);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
    }
  }

  public ClientSettings withTimeout(Duration value) {
    return new ClientSettings(value, maxRetries, backoffBase, backoffCap, maxConcurrent);
  }

  public ClientSettings withMaxRetries(int value) {
    return new ClientSettings(timeout, value, backoffBase, backoffCap, maxConcurrent);
  }

  public ClientSettings withBackoff(Duration base, Duration cap) {
    return new ClientSettings(timeout, maxRetries, base, cap, maxConcurrent);
  }

  public ClientSettings withMaxConcurrent(int value) {
    return new ClientSettings(timeout, maxRetries, backoffBase, backoffCap, value);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first), in milliseconds: {@code
   * backoffBase × 2^(retry-1)}, at most {@code backoffCap}, or the server's {@code Retry-After}
   * seconds when it gave them, also at most {@code backoffCap}. No jitter: the timing repeats.
   */
  public long backoffMs(int retry, OptionalLong retryAfterS) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1, got " + retry);
    }
    long capMs = backoffCap.toMillis();
    if (retryAfterS.isPresent()) {
      long seconds = Math.max(0, retryAfterS.getAsLong());
      // Compared in seconds first so that a huge Retry-After cannot overflow.
      return seconds > capMs / 1000 ? capMs : Math.min(capMs, seconds * 1000);
    }
    long baseMs = backoffBase.toMillis();
    int doublings = retry - 1;
    // Past 2^40 any base in milliseconds is beyond any sensible cap; this keeps the shift safe.
    if (doublings >= 40 || baseMs > (capMs >> doublings)) {
      return capMs;
    }
    return Math.min(capMs, baseMs << doublings);
  }
}
