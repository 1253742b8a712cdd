package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandsTest {
  @TempDir Path dir;
  private CliRunner llmos;

  @BeforeEach
  void setUp() {
    llmos = new CliRunner(dir.resolve("ws"));
  }

  private static int count(String out, String what) {
    Matcher m = Pattern.compile("(?m)^(\\d+) " + what + "$").matcher(out);
    assertThat(m.find()).as("a '<n> %s' line in:%n%s", what, out).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void initCreatesAWorkspaceWithGitVolumes() {
    var r = llmos.run("init");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Created workspace");
    assertThat(dir.resolve("ws/llmos.yaml")).isRegularFile();
    assertThat(dir.resolve("ws/volumes/user/.git")).isDirectory();
    assertThat(dir.resolve("ws/volumes/team/.git")).isDirectory();
    var again = llmos.run("init");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already there");
  }

  @Test
  void listsTheShippedAgentsAndSkillsAllValid() {
    llmos.run("init");
    var agents = llmos.run("agents", "list");
    assertThat(agents.exitCode()).as(agents.toString()).isZero();
    assertThat(count(agents.out(), "agents")).isGreaterThanOrEqualTo(14);
    assertThat(agents.out()).contains("system-agent", "wall-avoider", "orchestrator");
    assertThat(agents.err()).isEmpty();
    var skills = llmos.run("skills", "list");
    assertThat(count(skills.out(), "skills")).isGreaterThanOrEqualTo(20);
    assertThat(skills.err()).isEmpty();
    var validAgents = llmos.run("agents", "validate");
    assertThat(validAgents.exitCode()).as(validAgents.toString()).isZero();
    var validSkills = llmos.run("skills", "validate");
    assertThat(validSkills.exitCode()).as(validSkills.toString()).isZero();
  }

  @Test
  void browsingWorksBeforeInitButWritingNeedsAWorkspace() {
    var list = llmos.run("agents", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(count(list.out(), "agents")).isGreaterThanOrEqualTo(14);
    var create = llmos.run("agents", "create", "rover", "--description", "Roams.");
    assertThat(create.exitCode()).isEqualTo(ExitCodes.NO_WORKSPACE);
    assertThat(create.err()).contains("llmos init");
  }

  @Test
  void validatingABrokenAgentFilePrintsFileLineAndReason() throws IOException {
    Path broken = dir.resolve("rover.md");
    Files.writeString(
        broken,
        """
        ---
        name: rover
        description: Roams.
        kind: robot
        version: three
        origin: created
        runtime:
          goal: explore
        ---
        Drive.
        """,
        StandardCharsets.UTF_8);
    var r = llmos.run("agents", "validate", broken.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err())
        .contains(broken + ":5:10: field 'version' must be an integer from 1 to 1000000");
  }

  @Test
  void createShowCopyAndValidateAnAgent() throws IOException {
    llmos.run("init");
    var created =
        llmos.run(
            "agents",
            "create",
            "rover",
            "--description",
            "Roams the room without touching walls.",
            "--goal",
            "explore",
            "--skill",
            "obstacle-avoidance");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.out()).contains("user:agents/rover.md");
    Workspace ws = Workspace.open(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
    assertThat(ws.volume(VolumeKind.USER).history(1).get(0).subject())
        .isEqualTo("Create agent rover");

    var show = llmos.run("agents", "show", "rover");
    assertThat(show.out()).contains("goal explore", "obstacle-avoidance", "user:agents/rover.md");

    var copy = llmos.run("agents", "copy", "wall-avoider", "careful-avoider");
    assertThat(copy.exitCode()).as(copy.toString()).isZero();
    var copied = llmos.run("agents", "show", "careful-avoider");
    assertThat(copied.out()).contains("origin:   copied from wall-avoider@1");
    String raw = llmos.run("agents", "show", "careful-avoider", "--raw").out();
    assertThat(raw).startsWith("---\n").contains("name: careful-avoider");

    assertThat(llmos.run("agents", "validate").exitCode()).isZero();
  }

  @Test
  void refusesWritesToTheSystemVolumeAndUnknownNames() {
    llmos.run("init");
    var system =
        llmos.run("agents", "create", "rover", "--description", "Roams.", "--volume", "system");
    assertThat(system.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(system.err()).contains("read-only");
    var missing = llmos.run("agents", "show", "no-such-agent");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).contains("no agent named 'no-such-agent'");
    var badName =
        llmos.run("agents", "create", "../escape", "--description", "Escapes the volume.");
    assertThat(badName.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(dir.resolve("ws/volumes/escape.md")).doesNotExist();
  }

  @Test
  void aDamagedAgentIsReportedAndSkippedWhileTheRestStillList() throws IOException {
    llmos.run("init");
    Path agents = dir.resolve("ws/volumes/user/agents");
    Files.createDirectories(agents);
    Files.write(agents.resolve("garbage.md"), new byte[] {0x00, (byte) 0xff, 0x13, 0x37});
    var list = llmos.run("agents", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(count(list.out(), "agents")).isGreaterThanOrEqualTo(14);
    assertThat(list.err()).contains("1 file(s) skipped");
    var validate = llmos.run("agents", "validate");
    assertThat(validate.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(validate.err()).contains("user:agents/garbage.md");
  }

  @Test
  void kernelShowAndValidate() throws IOException {
    llmos.run("init");
    var show = llmos.run("kernel", "show");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out())
        .contains(
            "max_wheel_speed_mps        0.3",
            "from the system volume",
            "kernel/runtime-rules.md",
            "rsa quick    population 4, subset 2, steps 2, consensus 0.75",
            "rsa swarm    population robots, subset 4, steps 3");
    assertThat(llmos.run("kernel", "validate").exitCode()).isZero();

    Path override = dir.resolve("ws/volumes/user/kernel/safety-rules.md");
    Files.createDirectories(override.getParent());
    Files.writeString(
        override,
        """
        ---
        name: safety-rules
        description: Faster.
        ---

        ```yaml
        safety:
          max_wheel_speed_mps: 9
          emergency_stop_distance_m: 0.05
          min_safe_distance_m: 0.15
          watchdog_timeout_s: 0.5
          max_command_duration_s: 5.0
          turbo: true
        ```
        """,
        StandardCharsets.UTF_8);
    var invalid = llmos.run("kernel", "validate");
    assertThat(invalid.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(invalid.err())
        .contains("user:kernel/safety-rules.md:13:3: unknown key 'turbo'")
        .contains("user:kernel/safety-rules.md:8:24: field 'max_wheel_speed_mps' must be a number");
  }

  @Test
  void createNeverReplacesAFileOrHidesAnotherVolumesAgent() throws IOException {
    llmos.run("init");
    Path agents = dir.resolve("ws/volumes/user/agents");
    Files.createDirectories(agents);
    Path mine = agents.resolve("draft.md");
    Files.writeString(mine, "---\nname: draft\n---\nhalf written\n", StandardCharsets.UTF_8);

    var overDamaged = llmos.run("agents", "create", "draft", "--description", "Roams.");
    assertThat(overDamaged.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(overDamaged.err()).contains("user:agents/draft.md", "already");
    assertThat(Files.readString(mine, StandardCharsets.UTF_8)).contains("half written");

    var hiding = llmos.run("agents", "create", "explorer", "--description", "Roams.");
    assertThat(hiding.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(hiding.err()).contains("already exists in the system volume");
    assertThat(agents.resolve("explorer.md")).doesNotExist();
  }

  @Test
  void listsFilterByVolumeAndShowHiddenItemsWithAll() {
    llmos.run("init");
    llmos.run("agents", "copy", "explorer", "kitchen-explorer");
    var user = llmos.run("agents", "list", "--volume", "user");
    assertThat(count(user.out(), "agents")).isEqualTo(1);
    assertThat(user.out()).contains("kitchen-explorer");
    var system = llmos.run("skills", "list", "--volume", "system");
    assertThat(count(system.out(), "skills"))
        .isEqualTo(count(llmos.run("skills", "list").out(), "skills"));
    var all = llmos.run("agents", "list", "--all");
    assertThat(count(all.out(), "agents"))
        .isEqualTo(count(llmos.run("agents", "list").out(), "agents"));
  }
}
