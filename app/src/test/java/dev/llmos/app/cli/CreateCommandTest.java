package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.volume.VolumeCommit;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline path of {@code llmos create}, run in-process: every call says {@code --offline}, so a
 * machine with ANTHROPIC_API_KEY set never reaches the real API from these tests.
 */
class CreateCommandTest {
  @TempDir Path dir;
  private CliRunner llmos;
  private Path ws;

  @BeforeEach
  void setUp() {
    ws = dir.resolve("ws");
    llmos = new CliRunner(ws);
  }

  private List<VolumeCommit> userHistory() {
    return Workspace.open(ws, Optional.empty(), Clock.systemUTC())
        .volume(VolumeKind.USER)
        .history(10);
  }

  @Test
  void writesTheAgentToTheUserVolumeInOneCommit() {
    assertThat(llmos.run("init").exitCode()).isZero();
    int before = userHistory().size();
    var r = llmos.run("create", "--offline", "avoid walls");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "Created agent avoid-walls",
            "avoid walls and obstacles",
            "obstacle-avoidance",
            "user:agents/avoid-walls.md (committed)",
            "llmos run avoid-walls --arena obstacles");
    assertThat(ws.resolve("volumes/user/agents/avoid-walls.md")).isRegularFile();
    List<VolumeCommit> history = userHistory();
    assertThat(history).hasSize(before + 1);
    assertThat(history.get(0).message()).contains("avoid-walls", "avoid walls");
    var validate = llmos.run("agents", "validate");
    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    var show = llmos.run("agents", "show", "avoid-walls");
    assertThat(show.exitCode()).as(show.toString()).isZero();

    var again = llmos.run("create", "--offline", "avoid walls");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("Created agent avoid-walls-2");
  }

  @Test
  void dryRunPrintsTheAgentAndWritesNothing() {
    llmos.run("init");
    int before = userHistory().size();
    var r = llmos.run("create", "--offline", "follow the black line", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("---\nname: follow-black-line\n").contains("goal: follow_line");
    assertThat(ws.resolve("volumes/user/agents/follow-black-line.md")).doesNotExist();
    assertThat(userHistory()).hasSize(before);
  }

  @Test
  void theNameOptionNamesTheAgent() {
    llmos.run("init");
    var r = llmos.run("create", "--offline", "explore the room", "--name", "scout");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(ws.resolve("volumes/user/agents/scout.md")).isRegularFile();
    var taken = llmos.run("create", "--offline", "explore the room", "--name", "explorer");
    assertThat(taken.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(taken.err()).contains("'explorer' already exists");
  }

  @Test
  void refusesWhatItCannotDoAndSaysHowToUseAModel() {
    llmos.run("init");
    int before = userHistory().size();
    var r = llmos.run("create", "--offline", "make me a sandwich");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains("follow a line on the floor", "ANTHROPIC_API_KEY", "/llmos");
    assertThat(userHistory()).hasSize(before);
  }

  @Test
  void needsAWorkspace() {
    var r = llmos.run("create", "--offline", "avoid walls");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.NO_WORKSPACE);
    assertThat(r.err()).contains("llmos init");
  }
}
