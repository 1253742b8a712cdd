package dev.llmos.runtime.instinct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstinctBenchmarkTest {
  @Test
  void measuresAndSaysWhatItMeasured() {
    InstinctBenchmark.Result result = InstinctBenchmark.run(100_000, 7);

    assertThat(result.rules()).isEqualTo(11);
    assertThat(result.evaluations()).isEqualTo(100_000);
    assertThat(result.nanosPerEvaluation()).isPositive().isFinite();
    assertThat(result.toString()).contains("11 rules").contains("control period");
    System.out.println(result);
  }

  @Test
  void refusesARunWithoutEvaluations() {
    assertThatThrownBy(() -> InstinctBenchmark.run(0, 7))
        .hasMessageContaining("at least one evaluation");
  }
}
