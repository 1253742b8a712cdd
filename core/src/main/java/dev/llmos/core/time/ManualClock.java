package dev.llmos.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to. Simulations and tests run on it so that the same seed gives
 * the same run; nothing inside a simulated run reads wall time.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public ManualClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock forward; a negative step is refused because time does not run backwards. */
  public Instant advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("a clock cannot move backwards: " + step);
    }
    return now.updateAndGet(t -> t.plus(step));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new ManualClock(now, newZone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
