package dev.llmos.runtime.blackbox;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.runtime.world.WorldModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A recorded run looked at after the fact: its metrics, the decision at any tick or in a range of
 * ticks, where the deciding brain changed, and the world model as it was at any tick. A run cut
 * short (no summary) replays too; its metrics are then recomputed from the ticks.
 */
public final class Replay {
  private final RunRecording run;
  private final long[] tickNumbers;

  private Replay(RunRecording run) {
    this.run = run;
    this.tickNumbers = run.ticks().stream().mapToLong(TickRecord::tick).toArray();
  }

  public static Replay of(RunRecording run) {
    return new Replay(run);
  }

  public RunRecording recording() {
    return run;
  }

  /**
   * What a run achieved.
   *
   * @param finished whether the run wrote its summary; if not, the rest is recomputed from ticks
   * @param outcome the summary's outcome, or "unfinished" when there is none
   * @param durationS robot seconds run (recomputed: ticks times the mean tick period)
   * @param ticks control ticks run
   * @param distanceM distance driven, metres (recomputed: the sum of steps between tick poses)
   * @param collisions collisions during the run
   * @param coverage fraction of the map known, 0 to 1 (recomputed: from the latest snapshot, 0
   *     without one)
   * @param decisionsByBrain decisions per brain
   * @param escalations requests to the planner by reason (empty for a run cut short)
   * @param tickP50Ms median control-tick time, milliseconds (recomputed: each tick's own stages,
   *     {@link TickRecord#tickTimeMs})
   * @param tickP99Ms 99th percentile of the same, milliseconds
   * @param tornLines trace lines that could not be read
   */
  public record Metrics(
      boolean finished,
      String outcome,
      double durationS,
      long ticks,
      double distanceM,
      int collisions,
      double coverage,
      Map<String, Long> decisionsByBrain,
      Map<String, Long> escalations,
      double tickP50Ms,
      double tickP99Ms,
      int tornLines) {
    public Metrics {
      decisionsByBrain = Map.copyOf(decisionsByBrain);
      escalations = Map.copyOf(escalations);
    }
  }

  /**
   * A tick where a different brain decided than the tick before: an escalation or a return.
   *
   * @param tick the first tick decided by the new brain
   * @param fromBrain the brain that decided the tick before
   * @param toBrain the brain that decided this tick
   * @param reason why, as recorded for this tick
   */
  public record BrainChange(long tick, String fromBrain, String toBrain, String reason) {}

  /**
   * The world model as it was at a tick: rebuilt from the latest snapshot at or before it, with the
   * robot's pose at the tick appended to its path, so views mark the robot where it was then.
   *
   * @param tick the tick asked for
   * @param snapshotTick the tick the snapshot was taken at
   * @param world the rebuilt model; a fresh one on every call, so callers may change it
   */
  public record WorldAtTick(long tick, long snapshotTick, WorldModel world) {}

  /** The summary's metrics, or, for a run cut short, the same recomputed from its ticks. */
  public Metrics metrics() {
    Optional<RunSummary> summary = run.summary();
    if (summary.isPresent()) {
      RunSummary s = summary.get();
      return new Metrics(
          true,
          s.outcome(),
          s.durationS(),
          s.ticks(),
          s.distanceM(),
          s.collisions(),
          s.coverage(),
          s.decisionsByBrain(),
          s.escalations(),
          s.tickP50Ms(),
          s.tickP99Ms(),
          run.tornLines());
    }
    List<TickRecord> ticks = run.ticks();
    double distanceM = 0;
    Map<String, Long> byBrain = new TreeMap<>();
    double[] tickMs = new double[ticks.size()];
    for (int i = 0; i < ticks.size(); i++) {
      TickRecord t = ticks.get(i);
      if (i > 0) {
        TickRecord before = ticks.get(i - 1);
        distanceM += Math.hypot(t.xM() - before.xM(), t.yM() - before.yM());
      }
      byBrain.merge(t.brain(), 1L, Long::sum);
      tickMs[i] = t.tickTimeMs();
    }
    Arrays.sort(tickMs);
    double durationS = 0;
    if (ticks.size() > 1) {
      double spanS = ticks.get(ticks.size() - 1).timeS() - ticks.get(0).timeS();
      durationS = spanS / (ticks.size() - 1) * ticks.size();
    }
    double coverage =
        run.snapshots().isEmpty()
            ? 0
            : decode(run.snapshots().get(run.snapshots().size() - 1)).explorationFraction();
    return new Metrics(
        false,
        "unfinished",
        durationS,
        ticks.size(),
        distanceM,
        ticks.isEmpty() ? 0 : ticks.get(ticks.size() - 1).collisions(),
        coverage,
        byBrain,
        Map.of(),
        percentile(tickMs, 0.5),
        percentile(tickMs, 0.99),
        run.tornLines());
  }

  /** The decision recorded at a tick, if the run got that far. */
  public Optional<TickRecord> tick(long tick) {
    int i = Arrays.binarySearch(tickNumbers, tick);
    return i >= 0 ? Optional.of(run.ticks().get(i)) : Optional.empty();
  }

  /**
   * The decision at a tick, or a refusal saying which ticks there are.
   *
   * @throws IllegalArgumentException naming the run and its tick range when there is no such tick
   */
  public TickRecord requireTick(long tick) {
    return tick(tick)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "run " + run.header().runId() + " has no tick " + tick + "; " + tickRange()));
  }

  /** The decisions from one tick to another, both included. */
  public List<TickRecord> ticks(long fromTick, long toTick) {
    int from = insertionPoint(fromTick);
    int to = toTick == Long.MAX_VALUE ? tickNumbers.length : insertionPoint(toTick + 1);
    return from >= to ? List.of() : run.ticks().subList(from, to);
  }

  /** Every tick where the deciding brain changed, in order. */
  public List<BrainChange> brainChanges() {
    List<BrainChange> changes = new ArrayList<>();
    List<TickRecord> ticks = run.ticks();
    for (int i = 1; i < ticks.size(); i++) {
      TickRecord before = ticks.get(i - 1);
      TickRecord t = ticks.get(i);
      if (!t.brain().equals(before.brain())) {
        changes.add(new BrainChange(t.tick(), before.brain(), t.brain(), t.reason()));
      }
    }
    return List.copyOf(changes);
  }

  /**
   * The world model at a recorded tick; empty when no snapshot was taken at or before it.
   *
   * @throws IllegalArgumentException when the run has no such tick, or the snapshot is damaged
   */
  public Optional<WorldAtTick> worldAt(long tick) {
    TickRecord at = requireTick(tick);
    RunRecording.Snapshot latest = null;
    for (RunRecording.Snapshot s : run.snapshots()) {
      if (s.tick() <= tick && (latest == null || s.tick() >= latest.tick())) {
        latest = s;
      }
    }
    return Optional.ofNullable(latest).map(s -> posed(s, at));
  }

  /**
   * The world model as the run left it: its last snapshot (taken after the last tick), with the
   * last recorded pose; empty when no snapshot was taken.
   */
  public Optional<WorldAtTick> worldAtEnd() {
    if (run.snapshots().isEmpty() || run.ticks().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        posed(
            run.snapshots().get(run.snapshots().size() - 1),
            run.ticks().get(run.ticks().size() - 1)));
  }

  /** Which ticks the run recorded, in words. */
  public String tickRange() {
    if (tickNumbers.length == 0) {
      return "it recorded no ticks";
    }
    return "it recorded ticks "
        + tickNumbers[0]
        + " to "
        + tickNumbers[tickNumbers.length - 1]
        + (run.summary().isPresent() ? "" : " (it never finished)");
  }

  private WorldAtTick posed(RunRecording.Snapshot snapshot, TickRecord at) {
    WorldModel world = decode(snapshot);
    world.recordPose(
        at.timeS(), new Pose2d(at.xM(), at.yM(), Rotation2d.ofRadians(at.headingRad())));
    return new WorldAtTick(at.tick(), snapshot.tick(), world);
  }

  private WorldModel decode(RunRecording.Snapshot snapshot) {
    try {
      return WorldModel.fromSnapshot(snapshot.data());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the world snapshot at tick "
              + snapshot.tick()
              + " in "
              + run.directory().resolve(BlackBox.TRACE)
              + " is damaged: "
              + e.getMessage(),
          e);
    }
  }

  /** The index of the first recorded tick at or after {@code tick}. */
  private int insertionPoint(long tick) {
    int i = Arrays.binarySearch(tickNumbers, tick);
    return i >= 0 ? i : -i - 1;
  }

  // As AgentRunner computes the summary's, so a recomputed figure compares with a recorded one.
  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
