package dev.llmos.hal.protocol;

import java.time.Duration;

/**
 * How the host resends a command that has not been answered.
 *
 * @param interval how long to wait for an ack or nack before resending
 * @param maxRetries how many times to resend before reporting the command unanswered
 */
public record RetryPolicy(Duration interval, int maxRetries) {
  /** 100 ms between attempts, 3 resends: a command is reported unanswered 400 ms after sending. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(100), 3);

  public RetryPolicy {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("a retry interval must be positive, got " + interval);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
    }
  }

  /** How long after the first sending a command is given up. */
  public Duration giveUpAfter() {
    return interval.multipliedBy(maxRetries + 1L);
  }
}
