package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The model benchmarks run their whole course; their figures are for docs/benchmarks.md. */
class ModelBenchmarkTest {
  @Test
  void rsaRunsEveryStepOfThePresetAgainstTheStandIn() throws Exception {
    ModelBenchmark.RsaResult r = ModelBenchmark.rsa("quick", Duration.ofMillis(20), 2);
    assertThat(r.steps()).isEqualTo(2);
    assertThat(r.callsPerPlan()).isEqualTo(12);
    assertThat(r.boundMs()).isEqualTo(60.0);
    assertThat(r.summary()).contains("rsa quick (N 4, K 2, T 2)", "median / bound = ");
  }

  @Test
  void theInstinctBenchmarkMeasuresEveryFrame() throws Exception {
    ModelBenchmark.InstinctResult r = ModelBenchmark.instinct(10);
    assertThat(r.frames()).isEqualTo(10);
    assertThat(r.jpegBytes()).isGreaterThan(500);
    assertThat(r.summary()).contains("overhead per frame", "p99 / goal (20 ms)");
  }
}
