package dev.llmos.runtime.instinct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.catalog.AgentKind;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.rules.ValueType;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped robot agents' rules compile and decide on a quiet tick. */
class ShippedRulesTest {
  @Test
  void everyShippedRobotAgentDecidesWithEveryReadingPresent() {
    VolumeSet volumes = VolumeSet.of(SystemVolumes.packaged());
    Catalog catalog = Catalog.load(volumes, KernelConfig.load(volumes).settings());
    List<AgentSpec> robots =
        catalog.agents().stream().filter(a -> a.kind() == AgentKind.ROBOT).toList();
    // Open space, full battery, nothing seen, nothing pressed.
    Readings.Builder quiet = Readings.builder();
    for (Reading r : Reading.values()) {
      if (r.type() == ValueType.BOOLEAN) {
        quiet.flag(r, false);
      } else {
        quiet.number(r, r == Reading.BATTERY_PCT ? 100 : 5);
      }
    }
    Readings readings = quiet.build();

    assertThat(robots).hasSizeGreaterThanOrEqualTo(7);
    for (AgentSpec agent : robots) {
      RobotRuntime runtime = agent.runtime().orElseThrow();
      Decision d = new RuleEngine(runtime.rules(), runtime.params()).evaluate(readings);

      assertThat(d.matched()).as(agent.name()).isTrue();
      assertThat(d.missing()).as(agent.name()).isEmpty();
      assertThat(d.needsPlanner() || d.toCommand(0.01).isPresent()).as(agent.name()).isTrue();
    }
  }
}
