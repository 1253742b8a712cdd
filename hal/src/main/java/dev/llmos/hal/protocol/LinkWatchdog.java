package dev.llmos.hal.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The robot's heartbeat watchdog. Every intact frame from the host (HELLO_REQUEST, HEARTBEAT,
 * COMMAND) is a sign of life; once the host has spoken, a silence of {@code timeout} trips the
 * watchdog: the robot stops its motors and reports a WATCHDOG_STOP event, once. It stays tripped,
 * the motors stopped, until a new motion command arrives (itself a sign of life). Pure logic on a
 * clock; the robot calls {@link #poll} from its control loop. Not thread-safe.
 */
public final class LinkWatchdog {
  private final Clock clock;
  private final Duration timeout;
  private Instant lastLife;
  private boolean tripped;

  public LinkWatchdog(Clock clock, Duration timeout) {
    if (clock == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a watchdog needs a clock and a positive timeout");
    }
    this.clock = clock;
    this.timeout = timeout;
  }

  /** An intact frame from the host arrived. */
  public void hostAlive() {
    lastLife = clock.instant();
  }

  /** A new (not duplicate) motion command arrived: the host is alive and wants to move again. */
  public void motionCommand() {
    hostAlive();
    tripped = false;
  }

  /**
   * Checks the silence.
   *
   * @return true exactly when the watchdog trips now: stop the motors and report WATCHDOG_STOP
   */
  public boolean poll() {
    if (tripped || lastLife == null) {
      return false;
    }
    if (!clock.instant().isBefore(lastLife.plus(timeout))) {
      tripped = true;
      return true;
    }
    return false;
  }

  /** Whether the watchdog holds the motors stopped. */
  public boolean tripped() {
    return tripped;
  }
}
