package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimBenchmarkTest {
  @Test
  void measuresBothCasesAndSaysWhatItMeasured() {
    SimBenchmark.Result result = SimBenchmark.run(1, 1.0);
    assertThat(result.oneRobotRealTimeFactor()).isPositive().isFinite();
    assertThat(result.twentyRobotsRealTimeFactor()).isPositive().isFinite();
    assertThat(result.rounds()).isEqualTo(1);
    assertThat(result.summary()).contains("1 robot").contains("20 robots");
    System.out.println(result.summary());
  }

  @Test
  void refusesARunWithoutRounds() {
    assertThatThrownBy(() -> SimBenchmark.run(0, 1.0)).hasMessageContaining("at least one round");
  }
}
