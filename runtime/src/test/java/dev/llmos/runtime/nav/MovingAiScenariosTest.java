package dev.llmos.runtime.nav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.runtime.nav.MovingAiScenarios.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovingAiScenariosTest {
  @Test
  void readsColumnsAsXAndRowsAsY() {
    List<Scenario> s =
        MovingAiScenarios.parse("a.scen", "version 1\n3\tm.map\t10\t8\t1\t2\t9\t7\t12.5\n\n");
    assertThat(s)
        .containsExactly(
            new Scenario(3, "m.map", 10, 8, new GridCell(1, 2), new GridCell(9, 7), 12.5, 2));
  }

  @Test
  void errorsNameTheFileLineAndField() {
    assertThatThrownBy(() -> MovingAiScenarios.parse("a.scen", "version 2\n"))
        .hasMessageStartingWith("a.scen:1:")
        .hasMessageContaining("version 1");
    assertThatThrownBy(() -> MovingAiScenarios.parse("a.scen", "version 1\n0 m 4 4 0 0 1\n"))
        .hasMessageStartingWith("a.scen:2:")
        .hasMessageContaining("9 fields");
    assertThatThrownBy(() -> MovingAiScenarios.parse("a.scen", "version 1\n0 m 4 4 0 0 4 1 3\n"))
        .hasMessageStartingWith("a.scen:2:")
        .hasMessageContaining("goal_x");
    assertThatThrownBy(() -> MovingAiScenarios.parse("a.scen", "version 1\n0 m 4 4 0 0 1 1 x\n"))
        .hasMessageContaining("optimal_length");
  }
}
