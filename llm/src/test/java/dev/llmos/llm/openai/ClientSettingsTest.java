package dev.llmos.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
  private static final OptionalLong NO_RETRY_AFTER = OptionalLong.empty();

  @Test
  void defaultsAreThirtySecondsThreeRetriesAndFourAtOnce() {
    ClientSettings defaults = ClientSettings.DEFAULTS;

    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxRetries()).isEqualTo(3);
    assertThat(defaults.backoffBase()).isEqualTo(Duration.ofMillis(250));
    assertThat(defaults.backoffCap()).isEqualTo(Duration.ofSeconds(4));
    assertThat(defaults.maxConcurrent()).isEqualTo(4);
  }

  @Test
  void doublesTheBackoffUpToTheCap() {
    ClientSettings defaults = ClientSettings.DEFAULTS;

    assertThat(defaults.backoffMs(1, NO_RETRY_AFTER)).isEqualTo(250);
    assertThat(defaults.backoffMs(2, NO_RETRY_AFTER)).isEqualTo(500);
    assertThat(defaults.backoffMs(3, NO_RETRY_AFTER)).isEqualTo(1000);
    assertThat(defaults.backoffMs(5, NO_RETRY_AFTER)).isEqualTo(4000);
    assertThat(defaults.backoffMs(6, NO_RETRY_AFTER)).isEqualTo(4000);
    assertThat(defaults.backoffMs(1000, NO_RETRY_AFTER)).isEqualTo(4000);
  }

  @Test
  void takesRetryAfterSecondsUpToTheCap() {
    ClientSettings defaults = ClientSettings.DEFAULTS;

    assertThat(defaults.backoffMs(1, OptionalLong.of(2))).isEqualTo(2000);
    assertThat(defaults.backoffMs(1, OptionalLong.of(0))).isZero();
    assertThat(defaults.backoffMs(1, OptionalLong.of(60))).isEqualTo(4000);
    assertThat(defaults.backoffMs(1, OptionalLong.of(Long.MAX_VALUE))).isEqualTo(4000);
  }

  @Test
  void refusesSettingsThatCannotWork() {
    ClientSettings defaults = ClientSettings.DEFAULTS;

    assertThatThrownBy(() -> defaults.withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> defaults.withMaxRetries(-1)).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> defaults.withMaxConcurrent(0)).hasMessageContaining("maxConcurrent");
    assertThatThrownBy(() -> defaults.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("backoffCap");
    assertThatThrownBy(() -> defaults.backoffMs(0, NO_RETRY_AFTER)).hasMessageContaining("from 1");
  }
}
