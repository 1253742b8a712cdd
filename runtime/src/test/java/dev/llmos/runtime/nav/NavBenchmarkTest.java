package dev.llmos.runtime.nav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NavBenchmarkTest {
  @Test
  void timesBothSearchesOnTheSameScenarios() {
    NavBenchmark.Result result = NavBenchmark.run(SharedBenchmarks.movingAiDirectory(), 5, 10);
    assertThat(result.scenarios()).isEqualTo(5);
    assertThat(result.aStarTotalMs()).isPositive();
    assertThat(result.dijkstraTotalMs()).isPositive();
    assertThat(result.aStarExpanded()).isPositive().isLessThanOrEqualTo(result.dijkstraExpanded());
    assertThat(result.speedup()).isPositive().isFinite();
    assertThat(result.summary()).contains("A*").contains("Dijkstra").contains("speedup");
    System.out.println(result.summary());
  }

  @Test
  void refusesAnEmptySelection() {
    assertThatThrownBy(() -> NavBenchmark.run(SharedBenchmarks.movingAiDirectory(), 0, 10))
        .hasMessageContaining("at least 1");
  }
}
