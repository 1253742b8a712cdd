package dev.llmos.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.YamlMap;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolidatorTest {
  @TempDir Path tmp;

  private static Trace log(
      MemoryFixture f, String agent, String goal, double success, double durationS) {
    Trace t =
        f.store.log(
            new NewTrace(
                agent,
                goal,
                agent + " tried: " + goal,
                success,
                durationS,
                Optional.empty(),
                Optional.empty(),
                ""));
    f.clock.advance(Duration.ofMinutes(1));
    return t;
  }

  private static List<Trace> redBall(MemoryFixture f) {
    return List.of(
        log(f, "seeker", "Find the red ball", 0.9, 10),
        log(f, "seeker", "find red ball!", 0.8, 20),
        log(f, "rover", "Red ball: find", 0.7, 30));
  }

  private static String redBallPath() {
    return "memory/long_term/" + GoalSignature.of("find red ball").substring(0, 16) + ".md";
  }

  private static YamlMap fields(Volume user, String path) {
    return MarkdownDocument.parse(path, user.read(path).orElseThrow()).fields();
  }

  @Test
  void aRepeatedSuccessfulGoalBecomesALearningInOneCommit() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Volume user = f.workspace.volume(VolumeKind.USER);
    List<Trace> red = redBall(f);
    log(f, "docker", "Dock at the charger", 1, 5);
    log(f, "docker", "Dock at the charger", 1, 5);
    for (int i = 0; i < 3; i++) {
      log(f, "climber", "Climb the stairs", 0.1, 60);
    }
    int commits = user.history(100).size();

    ConsolidationReport report = new Consolidator(f.store).consolidate();

    assertThat(report.written()).extracting(Learning::path).containsExactly(redBallPath());
    assertThat(report.tracesPruned()).isZero();
    assertThat(report.commit()).isPresent();
    assertThat(user.history(100)).hasSize(commits + 1);
    assertThat(user.history(1).get(0).message())
        .startsWith("Consolidate memory: 1 learning written, 0 traces pruned")
        .contains(
            "\"Find the red ball\" from 3 traces at 80% success (memory.consolidation asks for at"
                + " least 3 traces at 70%)");
    assertThat(user.list("memory/long_term")).hasSize(1);

    YamlMap learnt = fields(user, redBallPath());
    assertThat(learnt.string("signature")).isEqualTo(GoalSignature.of("find red ball"));
    assertThat(learnt.string("goal")).isEqualTo("Find the red ball");
    assertThat(learnt.integer("traces", 0, 100)).isEqualTo(3);
    assertThat(learnt.number("success_rate", 0, 1)).isEqualTo(0.8);
    assertThat(learnt.map("agents").map("seeker").toJava())
        .containsEntry("traces", 2L)
        .containsEntry("success_rate", 0.85);
    assertThat(learnt.map("agents").map("rover").toJava()).containsEntry("traces", 1L);
    assertThat(learnt.string("first_seen")).isEqualTo(red.get(0).time().toString());
    assertThat(learnt.string("last_seen")).isEqualTo(red.get(2).time().toString());
    assertThat(learnt.number("mean_duration_s", 0, 1000)).isEqualTo(20.0);
    assertThat(learnt.stringList("evidence"))
        .containsExactlyElementsOf(red.stream().map(Trace::id).sorted().toList());
    String body = new String(user.read(redBallPath()).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(body)
        .contains("## What worked", "- rover tried: Red ball: find")
        .contains("## Which agent did best", "**seeker**: 85% success over 2 traces")
        .contains("## Typical duration", "20.0 s per run");
  }

  @Test
  void consolidatingAgainChangesNothingAndNeverCountsATraceTwice() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Volume user = f.workspace.volume(VolumeKind.USER);
    redBall(f);
    new Consolidator(f.store).consolidate();
    byte[] first = user.read(redBallPath()).orElseThrow();
    int commits = user.history(100).size();

    ConsolidationReport again = new Consolidator(f.store).consolidate();

    assertThat(again.written()).isEmpty();
    assertThat(again.commit()).isEmpty();
    assertThat(user.history(100)).hasSize(commits);
    assertThat(user.read(redBallPath()).orElseThrow()).isEqualTo(first);

    Trace failure = log(f, "rover", "FIND the red ball", 0.0, 40);
    ConsolidationReport third = new Consolidator(f.store).consolidate();

    assertThat(third.written()).hasSize(1);
    YamlMap learnt = fields(user, redBallPath());
    assertThat(learnt.integer("traces", 0, 100)).isEqualTo(4);
    assertThat(learnt.number("success_rate", 0, 1)).isEqualTo(0.6);
    assertThat(learnt.stringList("evidence")).hasSize(4).contains(failure.id());
    assertThat(user.history(1).get(0).message()).contains("Added 1 new trace(s)");
    assertThat(new Consolidator(f.store).consolidate().commit()).isEmpty();
  }

  @Test
  void retentionPrunesOldTracesOnlyAfterTheirLearningIsWritten() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Volume user = f.workspace.volume(VolumeKind.USER);
    List<Trace> red = redBall(f);
    f.clock.advance(Duration.ofDays(31));
    Trace recent = log(f, "seeker", "Map the garden", 1, 5);

    ConsolidationReport report = new Consolidator(f.store).consolidate();

    assertThat(report.written()).extracting(Learning::path).containsExactly(redBallPath());
    assertThat(report.prunedAsOld())
        .containsExactlyElementsOf(red.stream().map(Trace::id).toList());
    assertThat(report.prunedOverLimit()).isEmpty();
    assertThat(f.store.traces()).containsExactly(recent);
    assertThat(fields(user, redBallPath()).stringList("evidence"))
        .containsExactlyInAnyOrderElementsOf(red.stream().map(Trace::id).toList());
    assertThat(user.history(1).get(0).message())
        .startsWith("Consolidate memory: 1 learning written, 3 traces pruned")
        .contains(
            "Pruned 3 short-term trace(s) older than 30 days (memory.retention.short_term_days)");

    ConsolidationReport again = new Consolidator(f.store).consolidate();
    assertThat(again.commit()).isEmpty();
    assertThat(fields(user, redBallPath()).integer("traces", 0, 100)).isEqualTo(3);
  }

  @Test
  void retentionKeepsAtMostTheKernelsLimitOldestRemovedFirst() {
    MemoryFixture f =
        MemoryFixture.withMemoryRules(
            tmp, "max_short_term_traces: 500", "max_short_term_traces: 10");
    List<Trace> logged = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      logged.add(log(f, "explorer", "Map room number " + i, 1, 5));
    }

    ConsolidationReport report = new Consolidator(f.store).consolidate();

    assertThat(report.written()).isEmpty();
    assertThat(report.prunedAsOld()).isEmpty();
    assertThat(report.prunedOverLimit()).containsExactly(logged.get(0).id(), logged.get(1).id());
    assertThat(f.store.traces()).containsExactlyElementsOf(logged.subList(2, 12));
    assertThat(f.workspace.volume(VolumeKind.USER).history(1).get(0).message())
        .contains(
            "Pruned the 2 oldest short-term trace(s) to keep at most 10"
                + " (memory.retention.max_short_term_traces)");
  }

  @Test
  void loweringMinTracesInTheKernelLetsAPairBecomeALearning() {
    MemoryFixture strict = MemoryFixture.create(tmp.resolve("strict"));
    log(strict, "docker", "Dock at the charger", 1, 5);
    log(strict, "docker", "Dock at the charger", 0.9, 5);
    assertThat(strict.workspace.kernel().memory().consolidationMinTraces()).isEqualTo(3);
    assertThat(new Consolidator(strict.store).consolidate().written()).isEmpty();
    assertThat(strict.store.learnings()).isEmpty();

    MemoryFixture relaxed =
        MemoryFixture.withMemoryRules(tmp.resolve("relaxed"), "min_traces: 3", "min_traces: 2");
    log(relaxed, "docker", "Dock at the charger", 1, 5);
    log(relaxed, "docker", "Dock at the charger", 0.9, 5);
    assertThat(relaxed.workspace.kernel().memory().consolidationMinTraces()).isEqualTo(2);

    ConsolidationReport report = new Consolidator(relaxed.store).consolidate();

    assertThat(report.written()).hasSize(1);
    assertThat(relaxed.store.learnings())
        .singleElement()
        .satisfies(l -> assertThat(l.traces()).isEqualTo(2))
        .satisfies(l -> assertThat(l.goal()).isEqualTo("Dock at the charger"));
  }

  @Test
  void damagedFilesAreReportedAndLeftAsTheyAre() throws Exception {
    MemoryFixture f = MemoryFixture.create(tmp);
    Volume user = f.workspace.volume(VolumeKind.USER);
    redBall(f);
    log(f, "docker", "Dock at the charger", 1, 5);
    log(f, "docker", "Dock at the charger", 1, 5);
    log(f, "docker", "Dock at the charger", 1, 5);
    Path garbage = f.userRoot().resolve("memory/short_term/20200101T000000Z-000000.md");
    Files.write(garbage, new byte[] {0, 1, 2, 3});
    // A broken long-term file where the red-ball learning would go must not be overwritten.
    Path broken = f.userRoot().resolve(redBallPath());
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "---\ngoal: [\n---\nmy notes\n", StandardCharsets.UTF_8);

    ConsolidationReport report = new Consolidator(f.store).consolidate();

    assertThat(report.damaged())
        .extracting(DamagedFile::path)
        .containsExactlyInAnyOrder("memory/short_term/20200101T000000Z-000000.md", redBallPath());
    assertThat(report.written()).extracting(Learning::goal).containsExactly("Dock at the charger");
    assertThat(Files.readAllBytes(garbage)).containsExactly(0, 1, 2, 3);
    assertThat(Files.readString(broken, StandardCharsets.UTF_8)).endsWith("my notes\n");
    assertThat(user.exists("memory/short_term/20200101T000000Z-000000.md")).isTrue();
  }

  @Test
  void aLearningRoundTripsAndAnInconsistentOneIsRefused() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Learning learnt = Learning.from(redBall(f), 0.7);
    assertThat(Learning.parse(learnt.path(), learnt.toMarkdown(), learnt.id())).isEqualTo(learnt);
    assertThat(learnt.firstSeen()).isEqualTo(Instant.parse("2026-11-25T01:02:03Z"));

    String edited =
        new String(learnt.toMarkdown(), StandardCharsets.UTF_8).replace("traces: 3", "traces: 5");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Learning.parse(learnt.path(), edited.getBytes(StandardCharsets.UTF_8), learnt.id()))
        .hasMessageContaining(learnt.path() + ":4:9: traces is 5 but evidence lists 3");
  }
}
