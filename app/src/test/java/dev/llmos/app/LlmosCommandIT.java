package dev.llmos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/llmos} launcher on the built jar, as a person would. */
class LlmosCommandIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "llmos").toAbsolutePath().normalize();

  @TempDir Path dir;
  private Path workspace;

  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void setUp() {
    workspace = dir.resolve("my-workspace");
  }

  private Run llmos(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("LLMOS_WORKSPACE", workspace.toString());
    pb.environment().remove("LLMOS_SYSTEM_VOLUME");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("llmos finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpOnEveryCommand() throws Exception {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"init", "--help"},
          {"agents", "--help"},
          {"agents", "list", "--help"},
          {"agents", "create", "--help"},
          {"skills", "show", "--help"},
          {"kernel", "validate", "--help"}
        }) {
      Run r = llmos(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).contains("Usage: llmos");
    }
  }

  @Test
  void theFrontDoorWorkflow() throws Exception {
    Run init = llmos("init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(workspace.resolve("volumes/user/.git")).isDirectory();

    Run agents = llmos("agents", "list");
    assertThat(agents.exitCode()).isZero();
    assertThat(agents.out()).containsPattern("(?m)^(1[4-9]|[2-9]\\d) agents$");

    Run skills = llmos("skills", "list");
    assertThat(skills.exitCode()).isZero();
    assertThat(skills.out()).containsPattern("(?m)^([2-9]\\d) skills$");

    Run kernel = llmos("kernel", "validate");
    assertThat(kernel.exitCode()).as(kernel.err()).isZero();

    Run create =
        llmos("agents", "create", "rover", "--description", "Roams without touching walls.");
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(workspace.resolve("volumes/user/agents/rover.md")).isRegularFile();
  }

  @Test
  void exitCodesMeanSomething() throws Exception {
    Run noWorkspace = llmos("agents", "create", "rover", "--description", "x");
    assertThat(noWorkspace.exitCode()).isEqualTo(4);
    assertThat(noWorkspace.err()).contains("run `llmos init`");

    Run usage = llmos("agents", "fly");
    assertThat(usage.exitCode()).isEqualTo(2);

    llmos("init");
    Run notFound = llmos("skills", "show", "juggling");
    assertThat(notFound.exitCode()).isEqualTo(3);

    Path broken = dir.resolve("broken.md");
    Files.writeString(broken, "---\nname: broken\ndescription: [unclosed\n---\nbody\n");
    Run invalid = llmos("agents", "validate", broken.toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains(broken + ":").contains("malformed YAML");
  }

  @Test
  void searchUsagePromotionMemoryAndBenchRunFromTheShadedJar() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();

    // Lucene finds its codecs through service files, which the shaded jar must keep.
    Run search = llmos("skills", "search", "don't bump into things", "--limit", "3");
    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(search.out().lines().skip(1).findFirst().orElse(""))
        .startsWith("obstacle-avoidance");

    Path skill = workspace.resolve("volumes/user/skills/tape-tracking/SKILL.md");
    Files.createDirectories(skill.getParent());
    Files.writeString(
        skill,
        """
        ---
        name: tape-tracking
        description: Tracks tape. Use on taped floors.
        ---
        Keep the tape between the line sensors.
        """);
    for (int i = 0; i < 5; i++) {
      assertThat(llmos("usage", "record", "tape-tracking", "--success").exitCode()).isZero();
    }
    Run candidates = llmos("promote", "--candidates");
    assertThat(candidates.out()).contains("tape-tracking");
    Run promote = llmos("promote", "tape-tracking");
    assertThat(promote.exitCode()).as(promote.err()).isZero();
    assertThat(workspace.resolve("volumes/team/skills/tape-tracking/SKILL.md")).isRegularFile();
    assertThat(skill).doesNotExist();

    for (int i = 0; i < 3; i++) {
      Run log =
          llmos(
              "memory",
              "log",
              "--agent",
              "explorer",
              "--goal",
              "Map the lab",
              "--outcome",
              "mapped it",
              "--success",
              "0.9",
              "--duration",
              "30");
      assertThat(log.exitCode()).as(log.err()).isZero();
    }
    Run consolidate = llmos("memory", "consolidate");
    assertThat(consolidate.out()).contains("1 learning(s) written");
    Run query = llmos("memory", "query", "lab");
    assertThat(query.exitCode()).isZero();
    assertThat(query.out()).contains("long_term", "Map the lab");

    Run bench = llmos("bench", "volume-load", "--documents", "200", "--rounds", "1");
    assertThat(bench.exitCode()).as(bench.err()).isZero();
    assertThat(bench.out()).containsPattern("load rate / raw rate = \\d+\\.\\d{3}");
  }
}
