package dev.llmos.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShippedCatalogTest {
  private static Catalog catalog;

  @BeforeAll
  static void loadTheShippedCatalog() {
    catalog = Catalog.load(VolumeSet.of(SystemVolumes.packaged()), Fixtures.shippedSettings());
  }

  @Test
  void everyShippedAgentAndSkillIsValid() {
    assertThat(catalog.problems())
        .as(
            "problems of the shipped system volume:\n%s",
            catalog.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")))
        .isEmpty();
  }

  @Test
  void theSystemVolumeShipsAtLeastFourteenAgentsAndTwentySkills() {
    assertThat(catalog.agents()).hasSizeGreaterThanOrEqualTo(14);
    assertThat(catalog.skills()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(catalog.allAgents()).allMatch(a -> a.volume() == VolumeKind.SYSTEM);
  }

  @Test
  void everySkillAnAgentListsExists() {
    for (AgentSpec agent : catalog.agents()) {
      assertThat(catalog.skillNames()).as("skills of %s", agent.name()).containsAll(agent.skills());
    }
  }

  @Test
  void everyRobotAgentHasARuntimeAndNoOtherAgentHasOne() {
    assertThat(catalog.agents())
        .allMatch(a -> (a.kind() == AgentKind.ROBOT) == a.runtime().isPresent());
    assertThat(catalog.agents()).anyMatch(a -> a.kind() == AgentKind.ROBOT);
    assertThat(catalog.agents()).anyMatch(a -> a.kind() == AgentKind.ORCHESTRATOR);
  }

  @Test
  void theDocumentedAgentsAreThere() {
    assertThat(catalog.agent("system-agent")).isPresent();
    assertThat(catalog.agent("wall-avoider").orElseThrow().runtime().orElseThrow().goal())
        .isEqualTo("avoid_obstacles");
  }
}
