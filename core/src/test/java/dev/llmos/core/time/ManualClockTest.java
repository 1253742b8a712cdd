package dev.llmos.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void movesOnlyWhenAdvanced() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    clock.advance(Duration.ofMillis(250));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:00:00.250Z").toEpochMilli());
  }

  @Test
  void refusesToGoBackwards() {
    ManualClock clock = new ManualClock(Instant.EPOCH);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
  }

  @Test
  void zoneCopiesShareTheSameTime() {
    ManualClock clock = new ManualClock(Instant.EPOCH);
    var paris = clock.withZone(java.time.ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofSeconds(5));
    assertThat(paris.instant()).isEqualTo(Instant.EPOCH.plusSeconds(5));
  }
}
