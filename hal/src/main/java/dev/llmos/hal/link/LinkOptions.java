package dev.llmos.hal.link;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.protocol.RetryPolicy;
import java.time.Duration;

/**
 * How the host keeps a link alive.
 *
 * @param helloTimeout how long to wait for the robot's hello when connecting
 * @param heartbeatInterval how often the host sends a heartbeat; at least five per watchdog timeout
 * @param retry how often and how many times an unanswered command is sent again
 */
public record LinkOptions(Duration helloTimeout, Duration heartbeatInterval, RetryPolicy retry) {
  /** Heartbeats per watchdog timeout, as the kernel's safety rules ask. */
  public static final int HEARTBEATS_PER_TIMEOUT = 5;

  public LinkOptions {
    if (helloTimeout == null || heartbeatInterval == null || retry == null) {
      throw new IllegalArgumentException("link options need every field");
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive");
    }
  }

  /** Five heartbeats per watchdog timeout, the protocol's default retries, 3 s for the hello. */
  public static LinkOptions forLimits(SafetyLimits limits) {
    long intervalMs =
        Math.max(1, Math.round(limits.watchdogTimeoutS() * 1000 / HEARTBEATS_PER_TIMEOUT));
    return new LinkOptions(
        Duration.ofSeconds(3), Duration.ofMillis(intervalMs), RetryPolicy.DEFAULT);
  }
}
