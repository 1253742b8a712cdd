package dev.llmos.runtime.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlackBoxTest {
  @TempDir Path runs;

  static TickRecord tick(long n, Map<String, Double> latencies) {
    return new TickRecord(
        n,
        n * 0.01,
        1.0 + n * 0.001,
        2.0,
        0.5,
        0.8,
        false,
        0,
        "instinct",
        "rule 3: if always then forward(cruise_mps)",
        1.0,
        0.05,
        "twist v=0.200 m/s omega=0.000 rad/s for 0.20 s",
        "accepted",
        latencies);
  }

  private static RunHeader header(String id) {
    return new RunHeader(id, "explorer", 2, "sim://office", "office", 7, "2026-11-25T05:00:00Z");
  }

  @Test
  void aFinishedRunReadsBackWhole() throws Exception {
    try (BlackBox box = BlackBox.start(runs, header("r1"))) {
      for (int i = 0; i < 50; i++) {
        box.tick(tick(i, Map.of("instinct", 0.02, "validator", 0.001)));
      }
      box.snapshot(49, new byte[] {1, 2, 3, 0, -1});
      box.event(10, "COLLISION", "collision 1");
      box.detail(12, "rsa", Map.of("preset", "quick", "steps", List.of(0.5, 1.0)));
      box.finish(
          new RunSummary(
              "completed",
              0.5,
              50,
              0.05,
              1,
              0.12,
              Map.of("instinct", 50L),
              Map.of("periodic", 2L),
              0.03,
              0.09));
    }
    RunRecording run = RunRecording.read(runs.resolve("r1"));
    assertThat(run.header()).isEqualTo(header("r1"));
    assertThat(run.ticks()).hasSize(50);
    assertThat(run.ticks().get(7)).isEqualTo(tick(7, Map.of("instinct", 0.02, "validator", 0.001)));
    assertThat(run.snapshots().get(0).data()).containsExactly(1, 2, 3, 0, -1);
    assertThat(run.events())
        .containsExactly(new RunRecording.Event(10, "COLLISION", "collision 1"));
    assertThat(run.details())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.tick()).isEqualTo(12);
              assertThat(d.kind()).isEqualTo("rsa");
              assertThat(d.data().get("preset").asText()).isEqualTo("quick");
              assertThat(d.data().get("steps").get(1).asDouble()).isEqualTo(1.0);
            });
    assertThat(run.summary().orElseThrow().outcome()).isEqualTo("completed");
    assertThat(run.tornLines()).isZero();
    assertThat(Files.readString(runs.resolve("r1").resolve(BlackBox.SUMMARY)))
        .contains("# Run r1", "outcome: completed", "| collisions | 1 |", "decisions by instinct");
  }

  @Test
  void aRunIsNeverOverwritten() throws Exception {
    try (BlackBox box = BlackBox.start(runs, header("same"))) {
      box.tick(tick(0, Map.of()));
    }
    assertThatThrownBy(() -> BlackBox.start(runs, header("same")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("already exists");
    assertThat(RunRecording.read(runs.resolve("same")).ticks()).hasSize(1);
  }

  @Test
  void aTornLastLineIsSkippedAndCounted() throws Exception {
    try (BlackBox box = BlackBox.start(runs, header("torn"))) {
      box.tick(tick(0, Map.of()));
      box.tick(tick(1, Map.of()));
    }
    Files.writeString(
        runs.resolve("torn").resolve(BlackBox.TRACE),
        "{\"type\":\"tick\",\"tick\":2,\"ti",
        StandardOpenOption.APPEND);
    RunRecording run = RunRecording.read(runs.resolve("torn"));
    assertThat(run.ticks()).hasSize(2);
    assertThat(run.tornLines()).isEqualTo(1);
    assertThat(run.summary()).isEmpty();
  }

  @Test
  void aRunKilledWithSigkillLosesAtMostTheTickBeingWritten() throws Exception {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TraceWriterMain.class.getName(),
                runs.toString(),
                "killed")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready");
      Thread.sleep(200);
      writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
      assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    RunRecording run = RunRecording.read(runs.resolve("killed"));
    assertThat(run.tornLines()).isLessThanOrEqualTo(1);
    assertThat(run.ticks().size()).isGreaterThan(100);
    for (int i = 0; i < run.ticks().size(); i++) {
      assertThat(run.ticks().get(i).tick()).isEqualTo(i);
    }
    assertThat(run.summary()).isEmpty();
  }

  @Test
  void aDirectoryWithoutATraceIsNotARun() throws Exception {
    Files.createDirectories(runs.resolve("empty"));
    assertThatThrownBy(() -> RunRecording.read(runs.resolve("empty")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("trace.jsonl is missing");
  }
}
