package dev.llmos.kernel.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.time.ManualClock;
import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageTest {
  @TempDir Path dir;
  private ManualClock clock;
  private Workspace ws;
  private Usage usage;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(Fixtures.START);
    ws = Fixtures.workspace(dir, clock);
    usage = Usage.of(ws);
  }

  @Test
  void eachRecordIsOneCommitWhoseMessageSaysTheNewTotals() {
    Volume user = ws.volume(VolumeKind.USER);
    int before = user.history(100).size();
    usage.record(UsageKey.skill("obstacle-avoidance"), false);
    UsageRecord last = null;
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      last = usage.record(UsageKey.skill("obstacle-avoidance"), true);
    }
    assertThat(user.history(100)).hasSize(before + 6);
    assertThat(user.history(1).get(0).subject())
        .isEqualTo("usage: skill obstacle-avoidance succeeded (6 uses, 83% success)");
    assertThat(last.commit()).contains(user.history(1).get(0).id());
    assertThat(last.stats())
        .isEqualTo(
            new UsageStats(6, 5, Fixtures.START, Fixtures.START.plus(Duration.ofMinutes(5))));
  }

  @Test
  void systemItemsAreCountedInTheUserVolume() {
    UsageRecord r = usage.record(UsageKey.skill("line-following"), true);
    assertThat(r.volume()).isEqualTo(VolumeKind.USER);
    assertThat(usage.stats(VolumeKind.USER, UsageKey.skill("line-following"))).isPresent();
  }

  @Test
  void itemsAreCountedWhereTheyResolve() {
    Fixtures.skill(ws, VolumeKind.TEAM, "tape-tracker");
    assertThat(usage.record(UsageKey.skill("tape-tracker"), true).volume())
        .isEqualTo(VolumeKind.TEAM);
    Fixtures.skill(ws, VolumeKind.USER, "tape-tracker");
    assertThat(usage.record(UsageKey.skill("tape-tracker"), true).volume())
        .isEqualTo(VolumeKind.USER);
    assertThat(usage.all()).containsOnlyKeys(VolumeKind.USER, VolumeKind.TEAM);
  }

  @Test
  void theFileIsJsonWithOneEntryPerItemKey() {
    Fixtures.agent(ws, VolumeKind.USER, "route-checker", "obstacle-avoidance");
    usage.record(UsageKey.agent("route-checker"), true);
    clock.advance(Duration.ofHours(2));
    usage.record(UsageKey.agent("route-checker"), false);
    String json =
        new String(
            ws.volume(VolumeKind.USER).read(UsageFile.PATH).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"agent:route-checker\"")
        .contains("\"uses\" : 2")
        .contains("\"successes\" : 1")
        .contains("\"first_used\" : \"2026-03-01T09:00:00Z\"")
        .contains("\"last_used\" : \"2026-03-01T11:00:00Z\"")
        .endsWith("\n");
    assertThat(UsageFile.parse("x", json.getBytes(StandardCharsets.UTF_8)).items())
        .containsEntry(
            UsageKey.agent("route-checker"),
            new UsageStats(2, 1, Fixtures.START, Instant.parse("2026-03-01T11:00:00Z")));
  }

  @Test
  void aBatchIsOneCommitPerVolume() {
    Volume user = ws.volume(VolumeKind.USER);
    int before = user.history(100).size();
    List<UsageRecord> records =
        usage.recordAll(
            List.of(
                new UsageEvent(UsageKey.skill("docking"), true),
                new UsageEvent(UsageKey.skill("docking"), false),
                new UsageEvent(UsageKey.skill("patrol"), true)));
    assertThat(user.history(100)).hasSize(before + 1);
    assertThat(records).extracting(r -> r.stats().uses()).containsExactly(1, 2, 1);
    assertThat(records).extracting(UsageRecord::commit).containsOnly(records.get(0).commit());
    String message = user.history(1).get(0).message();
    assertThat(message)
        .startsWith("usage: record 3 uses (2 succeeded, 1 failed)")
        .contains("- skill docking failed (2 uses, 50% success)");

    Fixtures.skill(ws, VolumeKind.TEAM, "tape-tracker");
    int teamBefore = ws.volume(VolumeKind.TEAM).history(100).size();
    List<UsageRecord> mixed =
        usage.recordAll(
            List.of(
                new UsageEvent(UsageKey.skill("tape-tracker"), true),
                new UsageEvent(UsageKey.skill("docking"), true)));
    assertThat(mixed)
        .extracting(UsageRecord::volume)
        .containsExactly(VolumeKind.TEAM, VolumeKind.USER);
    assertThat(ws.volume(VolumeKind.TEAM).history(100)).hasSize(teamBefore + 1);
  }

  @Test
  void concurrentRecordersLoseNoCount() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        // Each recorder opens the workspace itself, as separate commands would.
        futures.add(
            pool.submit(
                () -> {
                  Usage mine = Usage.of(Workspace.open(dir, Optional.empty(), clock));
                  for (int i = 0; i < 5; i++) {
                    mine.record(UsageKey.skill("patrol"), i % 2 == 0);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    UsageStats stats = usage.stats(VolumeKind.USER, UsageKey.skill("patrol")).orElseThrow();
    assertThat(stats.uses()).isEqualTo(20);
    assertThat(stats.successes()).isEqualTo(12);
  }

  @Test
  void aCorruptFileIsReportedWithFileAndReasonAndKept() {
    Volume user = ws.volume(VolumeKind.USER);
    byte[] broken = "{\n  \"version\": 1,\n  \"items\": {\n".getBytes(StandardCharsets.UTF_8);
    user.write(UsageFile.PATH, broken, "Break the usage file");
    int before = user.history(100).size();
    assertThatThrownBy(() -> usage.record(UsageKey.skill("patrol"), true))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("user:.llmos/usage.json:")
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("left as it is");
    assertThat(user.read(UsageFile.PATH)).contains(broken);
    assertThat(user.history(100)).hasSize(before);
  }

  @Test
  void impossibleCountsAreCorruptToo() {
    String json =
        "{\"version\": 1, \"items\": {\"skill:patrol\": {\"uses\": 2, \"successes\": 3,"
            + " \"first_used\": \"2026-01-01T00:00:00Z\", \"last_used\":"
            + " \"2026-01-01T00:00:00Z\"}}}";
    assertThatThrownBy(
            () -> UsageFile.parse("team:.llmos/usage.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("team:.llmos/usage.json")
        .hasMessageContaining("skill:patrol");
    assertThatThrownBy(
            () ->
                UsageFile.parse(
                    "f",
                    "{\"version\": 1, \"items\": {\"robot:x\": {}}}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("item key 'robot:x'");
  }

  @Test
  void namesResolveToTheAgentOrSkillOfThatName() {
    Fixtures.agent(ws, VolumeKind.USER, "docking", "obstacle-avoidance");
    assertThat(usage.resolve("patrol", Optional.empty())).contains(UsageKey.skill("patrol"));
    assertThat(usage.resolve("juggling", Optional.empty())).isEmpty();
    assertThat(usage.resolve("docking", Optional.of(ItemKind.AGENT)))
        .contains(UsageKey.agent("docking"));
    assertThatThrownBy(() -> usage.resolve("docking", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kind");
  }

  @Test
  void unknownItemsAreRefused() {
    assertThatThrownBy(() -> usage.record(UsageKey.skill("juggling"), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no skill juggling");
    assertThat(ws.volume(VolumeKind.USER).exists(UsageFile.PATH)).isFalse();
  }
}
