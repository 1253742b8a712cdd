package dev.llmos.runtime.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.PathPoint;
import dev.llmos.runtime.world.WorldModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
  private static final GridGeometry MAP = new GridGeometry(0, 0, 0.1, 20, 20);
  private static final RangeSensor FORWARD = new RangeSensor(Rotation2d.ZERO, 0.02, 1.0);

  @TempDir Path runs;

  /** Tick n: 0.1 s apart, 1 cm further east each; the planner decides ticks 20 to 29. */
  private static TickRecord tick(long n) {
    boolean planning = n >= 20 && n < 30;
    return new TickRecord(
        n,
        1.0 + n * 0.1,
        0.05 + n * 0.01,
        1.05,
        0.25,
        0,
        false,
        n >= 40 ? 1 : 0,
        planning ? "planner" : "instinct",
        planning ? "stuck -> following the plan" : "rule 1: forward",
        0,
        0,
        "twist v=0.100 m/s",
        "",
        Map.of("sense", 0.5, "decide", n * 0.01));
  }

  private static WorldModel world(int scans) {
    WorldModel world = new WorldModel("robot-1", MAP, 0);
    for (int i = 0; i < scans; i++) {
      world.integrateScan(
          new Pose2d(0.05, 1.05, Rotation2d.ZERO), List.of(FORWARD), List.of(0.5), 0);
    }
    return world;
  }

  /** 60 ticks with snapshots at 0 (nothing known yet) and 50 (a wall seen); finished or not. */
  private Path record(String id, boolean finish) throws Exception {
    try (BlackBox box =
        BlackBox.start(
            runs,
            new RunHeader(id, "explorer", 2, "sim://office", "office", 7, "2026-11-25T05:00Z"))) {
      for (long n = 0; n < 60; n++) {
        box.tick(tick(n));
        if (n == 0) {
          box.snapshot(0, world(0).snapshot());
        } else if (n == 50) {
          box.snapshot(50, world(3).snapshot());
        } else if (n == 45) {
          box.event(45, "PLANNER_ERROR", "no path");
        }
      }
      if (finish) {
        box.finish(
            new RunSummary(
                "completed",
                6.0,
                60,
                0.59,
                1,
                0.02,
                Map.of("instinct", 50L, "planner", 10L),
                Map.of(),
                0.8,
                1.1));
      }
    }
    return runs.resolve(id);
  }

  @Test
  void aFinishedRunTakesItsMetricsFromTheSummary() throws Exception {
    Replay replay = Replay.of(RunRecording.read(record("done", true)));
    Replay.Metrics m = replay.metrics();
    assertThat(m.finished()).isTrue();
    assertThat(m.outcome()).isEqualTo("completed");
    assertThat(m.ticks()).isEqualTo(60);
    assertThat(m.distanceM()).isEqualTo(0.59);
    assertThat(m.decisionsByBrain())
        .containsExactlyInAnyOrderEntriesOf(Map.of("instinct", 50L, "planner", 10L));
    assertThat(m.tickP99Ms()).isEqualTo(1.1);
    assertThat(m.tornLines()).isZero();
  }

  @Test
  void decisionsAreFoundByTickAndRange() throws Exception {
    Replay replay = Replay.of(RunRecording.read(record("ticks", true)));
    assertThat(replay.tick(23)).contains(tick(23));
    assertThat(replay.tick(60)).isEmpty();
    assertThat(replay.ticks(18, 21))
        .extracting(TickRecord::tick)
        .containsExactly(18L, 19L, 20L, 21L);
    assertThat(replay.ticks(55, Long.MAX_VALUE)).hasSize(5);
    assertThat(replay.ticks(70, 80)).isEmpty();
    assertThatThrownBy(() -> replay.requireTick(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run ticks has no tick 99; it recorded ticks 0 to 59");
  }

  @Test
  void brainChangesAreListedWithTheirReason() throws Exception {
    Replay replay = Replay.of(RunRecording.read(record("brains", true)));
    assertThat(replay.brainChanges())
        .containsExactly(
            new Replay.BrainChange(20, "instinct", "planner", "stuck -> following the plan"),
            new Replay.BrainChange(30, "planner", "instinct", "rule 1: forward"));
  }

  @Test
  void anUnfinishedRunIsRecomputedFromItsTicks() throws Exception {
    Path dir = record("torn", false);
    Files.writeString(
        dir.resolve(BlackBox.TRACE),
        "{\"type\":\"tick\",\"tick\":60,\"ti",
        StandardOpenOption.APPEND);
    Replay replay = Replay.of(RunRecording.read(dir));
    Replay.Metrics m = replay.metrics();
    assertThat(m.finished()).isFalse();
    assertThat(m.outcome()).isEqualTo("unfinished");
    assertThat(m.tornLines()).isEqualTo(1);
    assertThat(m.ticks()).isEqualTo(60);
    assertThat(m.durationS()).isCloseTo(6.0, within(1e-9));
    assertThat(m.distanceM()).isCloseTo(0.59, within(1e-9));
    assertThat(m.collisions()).isEqualTo(1);
    assertThat(m.decisionsByBrain())
        .containsExactlyInAnyOrderEntriesOf(Map.of("instinct", 50L, "planner", 10L));
    // Tick times 0.5 + n * 0.01 ms: the 30th and 60th smallest.
    assertThat(m.tickP50Ms()).isCloseTo(0.79, within(1e-9));
    assertThat(m.tickP99Ms()).isCloseTo(1.09, within(1e-9));
    assertThat(m.coverage()).isEqualTo(world(3).explorationFraction());
    assertThat(replay.tickRange()).endsWith("(it never finished)");
  }

  @Test
  void theWorldAtATickComesFromTheLatestSnapshotAtOrBeforeIt() throws Exception {
    Replay replay = Replay.of(RunRecording.read(record("map", true)));
    Replay.WorldAtTick early = replay.worldAt(49).orElseThrow();
    assertThat(early.snapshotTick()).isZero();
    assertThat(early.world().knownCellCount()).isZero();
    Replay.WorldAtTick at = replay.worldAt(50).orElseThrow();
    assertThat(at.snapshotTick()).isEqualTo(50);
    assertThat(at.world().knownCellCount()).isEqualTo(world(3).knownCellCount()).isPositive();
    Replay.WorldAtTick late = replay.worldAt(57).orElseThrow();
    assertThat(late.snapshotTick()).isEqualTo(50);
    // The robot is where tick 57 says, not where it was at the snapshot.
    List<PathPoint> path = late.world().path();
    PathPoint robot = path.get(path.size() - 1);
    assertThat(robot.pose().xM()).isCloseTo(0.62, within(1e-9));
    assertThat(robot.timeS()).isCloseTo(6.7, within(1e-9));
    assertThat(late.world().toText(20)).contains("R = robot at (0.62, 1.05) m");
    assertThat(replay.worldAtEnd().orElseThrow().snapshotTick()).isEqualTo(50);
    assertThatThrownBy(() -> replay.worldAt(60)).hasMessageContaining("no tick 60");
  }

  @Test
  void aRunWithoutSnapshotsHasNoWorld() throws Exception {
    try (BlackBox box =
        BlackBox.start(runs, new RunHeader("blind", "explorer", 1, "sim", "", 0, "now"))) {
      box.tick(tick(0));
    }
    Replay replay = Replay.of(RunRecording.read(runs.resolve("blind")));
    assertThat(replay.worldAt(0)).isEmpty();
    assertThat(replay.worldAtEnd()).isEmpty();
    assertThat(replay.metrics().coverage()).isZero();
  }
}
