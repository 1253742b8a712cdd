package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays a real run: a shipped agent run for 5 s on a simulated robot, once for all tests. */
class ReplayCommandTest {
  @TempDir static Path dir;
  private static CliRunner llmos;
  private static String runId;
  private static Path runDir;

  @BeforeAll
  static void recordARun() throws Exception {
    llmos = new CliRunner(dir.resolve("ws"));
    assertThat(llmos.run("init").exitCode()).isZero();
    var run =
        llmos.run("run", "wall-avoider", "--arena", "obstacles", "--duration", "5", "--headless");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    try (Stream<Path> runs = Files.list(dir.resolve("ws/runs"))) {
      runDir = runs.findFirst().orElseThrow();
    }
    runId = runDir.getFileName().toString();
  }

  @Test
  void theOverviewShowsTheSummarysMetrics() throws Exception {
    RunSummary summary = RunRecording.read(runDir).summary().orElseThrow();
    var r = llmos.run("replay", "latest");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "run " + runId + ": completed",
            "agent wall-avoider",
            "arena obstacles, seed 1",
            summary.ticks() + " ticks",
            String.format(java.util.Locale.ROOT, "%.2f m driven", summary.distanceM()),
            "decisions: instinct " + summary.decisionsByBrain().get("instinct"),
            "brain changes:",
            "events: 0",
            "recorded in");
    assertThat(r.out()).doesNotContain("cut short");
  }

  @Test
  void jsonMetricsMatchTheSummary() throws Exception {
    RunSummary summary = RunRecording.read(runDir).summary().orElseThrow();
    var r = llmos.run("replay", runId, "--json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode metrics = new ObjectMapper().readTree(r.out()).get("metrics");
    assertThat(metrics.get("finished").asBoolean()).isTrue();
    assertThat(metrics.get("ticks").asLong()).isEqualTo(summary.ticks()).isEqualTo(50);
    assertThat(metrics.get("distanceM").asDouble()).isEqualTo(summary.distanceM());
    assertThat(metrics.get("collisions").asInt()).isEqualTo(summary.collisions());
    assertThat(metrics.get("coverage").asDouble()).isEqualTo(summary.coverage());
    assertThat(metrics.get("tickP99Ms").asDouble()).isEqualTo(summary.tickP99Ms());
  }

  @Test
  void aTickShowsItsDecisionAndMap() {
    var r = llmos.run("replay", runId, "--tick", "10", "--map");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "tick 10 at",
            "brain:      instinct",
            "reason:",
            "command:",
            "verdict:",
            "latencies:",
            "map at tick 10 (world snapshot of tick 0, robot at its pose of tick 10)",
            "# occupied  . free  ? unknown",
            "R = robot at");
    var json = llmos.run("replay", runId, "--tick", "10", "--map", "--json");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.out()).contains("\"decision\"", "\"snapshotTick\" : 0", "\"rows\"");
  }

  @Test
  void aRangeShowsOneLinePerDecision() {
    var r = llmos.run("replay", runDir.toString(), "--from", "3", "--to", "7");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).matches("\\s+3\\s+\\d+\\.\\d\\d s  instinct .*");
  }

  @Test
  void aRunCutShortStillReplays() throws Exception {
    // Outside runs/, so that it is never the latest run.
    Path cut = dir.resolve("cut-short");
    Files.createDirectories(cut);
    List<String> lines =
        Files.readAllLines(runDir.resolve(BlackBox.TRACE)).stream()
            .filter(l -> !l.contains("\"type\":\"summary\""))
            .toList();
    Files.write(cut.resolve(BlackBox.TRACE), lines);
    var r = llmos.run("replay", cut.toString(), "--map");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            ": unfinished",
            "the run was cut short (no summary); metrics recomputed from its 50 tick(s)",
            "50 ticks",
            "map as the run left it");
  }

  @Test
  void mistakesSayWhatThereIs() {
    var unknown = llmos.run("replay", "nope");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("no run named 'nope'", runId, "`ls ");
    var noTick = llmos.run("replay", runId, "--tick", "999");
    assertThat(noTick.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(noTick.err()).contains("has no tick 999; it recorded ticks 0 to 49");
    var both = llmos.run("replay", runId, "--tick", "1", "--from", "0");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.FAILED);
    var help = llmos.run("replay", "--help");
    assertThat(help.out()).contains("--tick=N", "--from=A", "--to=B", "--map", "--json");
  }
}
