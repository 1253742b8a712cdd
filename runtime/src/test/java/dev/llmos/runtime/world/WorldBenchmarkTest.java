package dev.llmos.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorldBenchmarkTest {
  @Test
  void aShortRunReportsConsistentFigures() {
    WorldBenchmark.Result result = WorldBenchmark.run(200, 3, 5);
    assertThat(result.scans()).isEqualTo(200);
    assertThat(result.scanP50Us()).isPositive().isLessThanOrEqualTo(result.scanP99Us());
    assertThat(result.mergeMedianMs()).isPositive();
    assertThat(result.plainAddMedianMs()).isPositive();
    assertThat(result.scanP99FractionOfControlPeriod()).isEqualTo(result.scanP99Us() * 1e-6 / 0.01);
    assertThat(result.mergeToPlainAddRatio())
        .isEqualTo(result.mergeMedianMs() / result.plainAddMedianMs());
    assertThatThrownBy(() -> WorldBenchmark.run(0, 1, 1)).hasMessageContaining("at least one");
  }
}
