package dev.llmos.runtime.instinct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.rules.Reading;
import org.junit.jupiter.api.Test;

class ReadingsTest {
  @Test
  void holdsNumbersAndFlags() {
    Readings r =
        Readings.builder()
            .number(Reading.FRONT_M, 0.3)
            .flag(Reading.BUMPER, true)
            .number(Reading.FRONT_M, 0.4)
            .build();

    assertThat(r.number(Reading.FRONT_M)).isEqualTo(0.4);
    assertThat(r.flag(Reading.BUMPER)).isTrue();
    assertThat(r.has(Reading.LEFT_M)).isFalse();
    assertThat(r.present()).containsExactly(Reading.FRONT_M, Reading.BUMPER);
    assertThat(r).hasToString("Readings[front_m=0.4, bumper=true]");
  }

  @Test
  void isImmutableOnceBuilt() {
    Readings.Builder b = Readings.builder().number(Reading.FRONT_M, 0.3);
    Readings first = b.build();
    b.number(Reading.FRONT_M, 9);

    assertThat(first.number(Reading.FRONT_M)).isEqualTo(0.3);
    assertThat(first).isEqualTo(Readings.builder().number(Reading.FRONT_M, 0.3).build());
    assertThat(first).isNotEqualTo(b.build());
  }

  @Test
  void refusesTheWrongTypeAnAbsentReadingAndNonFiniteValues() {
    assertThatThrownBy(() -> Readings.builder().number(Reading.BUMPER, 1))
        .hasMessageContaining("'bumper' is a boolean");
    assertThatThrownBy(() -> Readings.builder().flag(Reading.FRONT_M, true))
        .hasMessageContaining("'front_m' is a number");
    assertThatThrownBy(() -> Readings.builder().number(Reading.FRONT_M, Double.NaN))
        .hasMessageContaining("must be finite");
    assertThatThrownBy(() -> Readings.builder().build().number(Reading.FRONT_M))
        .hasMessageContaining("'front_m' is absent");
  }
}
