package dev.llmos.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.catalog.AgentSchema;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.compose.AgentComposer;
import dev.llmos.kernel.compose.Composition;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patrol agent the composer wrote drives its route in the simulator, point after point. */
class PatrolRouteTest {
  private static final Pattern REACHED = Pattern.compile("reached point (\\d+) of (\\d+)");

  /** Composes an agent for {@code description} and reads it back as a user agent. */
  private static AgentSpec composed(String description, String from, String to) {
    KernelSettings settings = SimulatedRuns.kernel().settings();
    Catalog catalog = Catalog.load(VolumeSet.of(SystemVolumes.packaged()), settings);
    Composition c = new AgentComposer(catalog, settings).compose(description);
    assertThat(c).isInstanceOf(Composition.Composed.class);
    Composition.Composed agent = (Composition.Composed) c;
    String text = agent.text();
    assertThat(text).contains(from);
    String edited = text.replace(from, to);
    return AgentSchema.read(
        MarkdownDocument.parse(
            AgentSpec.pathOf(agent.name()), edited.getBytes(StandardCharsets.UTF_8)),
        agent.name(),
        VolumeKind.USER,
        catalog.skillNames(),
        settings);
  }

  @Test
  void visitsEveryPointInOrderAndComesBackToTheFirst(@TempDir Path runs) throws Exception {
    AgentSpec agent =
        composed(
            "patrol between (0.5, 0.5), (1.5, 0.5) and (1.5, 1.5)", "point_1_x_m", "point_1_x_m");
    Arena room = ArenaCatalog.loadPackaged("empty-room");

    RunSummary summary = SimulatedRuns.run(agent, room, 3, 120, runs);

    assertThat(summary.collisions()).isZero();
    RunRecording run = RunRecording.read(runs.resolve(agent.name() + "-empty-room-3"));
    List<RunRecording.Event> reached =
        run.events().stream().filter(e -> e.kind().equals("WAYPOINT")).toList();
    // A lap and back to the first point at least.
    assertThat(reached).hasSizeGreaterThanOrEqualTo(4);
    for (int i = 0; i < reached.size(); i++) {
      Matcher m = REACHED.matcher(reached.get(i).message());
      assertThat(m.find()).as(reached.get(i).message()).isTrue();
      assertThat(Integer.parseInt(m.group(1))).as(reached.get(i).message()).isEqualTo(i % 3 + 1);
      assertThat(m.group(2)).isEqualTo("3");
    }
    assertThat(run.events()).noneMatch(e -> e.kind().equals("PLANNER_ERROR"));
  }

  @Test
  void aRouteOfOnePointIsRefusedNamingTheAgent(@TempDir Path runs) {
    AgentSpec agent =
        composed("patrol between (0.5, 0.5) and (1.5, 1.5)", "point_2_x_m:", "point_9_x_m:");
    Arena room = ArenaCatalog.loadPackaged("empty-room");

    assertThatThrownBy(() -> SimulatedRuns.run(agent, room, 3, 5, runs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(agent.name())
        .hasMessageContaining("plan_to_waypoint()")
        .hasMessageContaining("1 route point");
  }
}
