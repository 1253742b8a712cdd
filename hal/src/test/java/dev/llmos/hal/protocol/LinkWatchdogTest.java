package dev.llmos.hal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinkWatchdogTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LinkWatchdog watchdog = new LinkWatchdog(clock, Duration.ofMillis(500));

  @Test
  void isQuietUntilTheHostHasSpoken() {
    clock.advance(Duration.ofSeconds(10));
    assertThat(watchdog.poll()).isFalse();
    assertThat(watchdog.tripped()).isFalse();
  }

  @Test
  void tripsOnceAfterTheTimeoutOfSilence() {
    watchdog.hostAlive();
    clock.advance(Duration.ofMillis(499));
    assertThat(watchdog.poll()).isFalse();
    watchdog.hostAlive();
    clock.advance(Duration.ofMillis(499));
    assertThat(watchdog.poll()).as("a sign of life restarts the timeout").isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(watchdog.poll()).isTrue();
    assertThat(watchdog.poll()).as("reported once").isFalse();
    assertThat(watchdog.tripped()).isTrue();
  }

  @Test
  void heartbeatsAloneDoNotReleaseItButANewMotionCommandDoes() {
    watchdog.hostAlive();
    clock.advance(Duration.ofSeconds(1));
    watchdog.poll();
    watchdog.hostAlive();
    assertThat(watchdog.tripped()).isTrue();
    watchdog.motionCommand();
    assertThat(watchdog.tripped()).isFalse();
    clock.advance(Duration.ofMillis(500));
    assertThat(watchdog.poll()).as("and it watches again").isTrue();
  }
}
