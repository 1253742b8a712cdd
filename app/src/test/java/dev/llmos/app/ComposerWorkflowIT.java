package dev.llmos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's workflow through the real {@code bin/llmos} launcher: compose an agent with no model,
 * then run it in the simulator and check that it does what was asked.
 */
class ComposerWorkflowIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "llmos").toAbsolutePath().normalize();
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) collision\\(s\\), (\\d+) % of the map known");

  @TempDir Path dir;
  private Path workspace;

  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void setUp() {
    workspace = dir.resolve("ws");
  }

  private Run llmos(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("LLMOS_WORKSPACE", workspace.toString());
    pb.environment().remove("LLMOS_SYSTEM_VOLUME");
    pb.environment().remove("ANTHROPIC_API_KEY");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("llmos finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Matcher summary(Run run) {
    Matcher m = SUMMARY.matcher(run.out());
    assertThat(m.find()).as("a run summary in:%n%s", run.out()).isTrue();
    return m;
  }

  @Test
  void avoidWallsDrivesTwoMinutesInTheObstaclesArenaWithoutACollision() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();
    Run create = llmos("create", "avoid walls");
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(create.out()).contains("Created agent avoid-walls");

    Run run =
        llmos("run", "avoid-walls", "--arena", "obstacles", "--duration", "120", "--headless");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(Integer.parseInt(summary(run).group(1))).as(run.out()).isZero();
  }

  @Test
  void exploreTheRoomKnowsEightyPercentOfTheOffice() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();
    Run create = llmos("create", "explore the room");
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(create.out()).contains("Created agent explore-room");

    Run run = llmos("run", "explore-room", "--arena", "office", "--duration", "300", "--headless");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Matcher m = summary(run);
    assertThat(Integer.parseInt(m.group(1))).as(run.out()).isZero();
    assertThat(Integer.parseInt(m.group(2))).as(run.out()).isGreaterThanOrEqualTo(80);
  }
}
