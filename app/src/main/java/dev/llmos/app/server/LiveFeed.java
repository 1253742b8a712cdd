package dev.llmos.app.server;

import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.agent.TickListener;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.perception.Detection;
import dev.llmos.runtime.perception.VisionFrame;
import dev.llmos.runtime.world.WorldModel;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What one live run shows the dashboard, gathered on the control thread and handed to the
 * broadcaster: the control thread copies small values, and once a second the map (its cells
 * base64-encoded then, about 20 kB); the broadcaster's thread makes the JSON. Nothing here blocks.
 */
final class LiveFeed implements TickListener {
  /** The newest decisions each {@code state} message carries, so a client that skips catches up. */
  static final int DECISIONS = 20;

  /** The map is copied at most this often, wall time; it is the one large message. */
  static final long MAP_PERIOD_NANOS = 1_000_000_000L;

  static final String ROBOT_ID = "robot-1";

  private final String runId;
  private final long lastTick;
  private final RunControl control;
  private final ArrayDeque<DecisionView> decisions = new ArrayDeque<>(DECISIONS);
  private TickRecord latest;
  private long mapCopiedAt;
  private volatile MapView map;
  private volatile Seen seen;

  /** A robot as the dashboard shows it. */
  record RobotView(
      String id,
      String run,
      double x,
      double y,
      double headingRad,
      int collisions,
      double nearestRangeM) {}

  /** One decision on the brain timeline. */
  record DecisionView(
      long tick,
      double timeS,
      String brain,
      String reason,
      double confidence,
      double latencyMs,
      String command,
      String verdict) {
    static DecisionView of(TickRecord t) {
      return new DecisionView(
          t.tick(),
          t.timeS(),
          t.brain(),
          t.reason(),
          t.confidence(),
          t.tickTimeMs(),
          t.command(),
          t.verdict());
    }
  }

  /** The {@code state} message. */
  record StateView(
      String type,
      String run,
      long tick,
      double timeS,
      List<RobotView> robots,
      List<DecisionView> decisions,
      long dropped) {}

  /** A detection box in the {@code camera} message: fractions of the image from its top left. */
  record BoxView(
      String label, double confidence, double x, double y, double w, double h, Double depthM) {
    static BoxView of(Detection d) {
      return new BoxView(
          d.label(),
          d.confidence(),
          d.bbox().x(),
          d.bbox().y(),
          d.bbox().width(),
          d.bbox().height(),
          d.depthM());
    }
  }

  /** The {@code camera} message. */
  record CameraView(
      String type,
      String run,
      int frameId,
      double timeS,
      int width,
      int height,
      String jpeg,
      String error,
      List<BoxView> detections) {}

  /** A frame and what perception made of it, kept as they came (both immutable). */
  private record Seen(CameraFrame image, VisionFrame vision) {}

  /**
   * @param lastTick the run's last planned tick, whose map is always copied
   * @param control the run's control: once it is stopped, every tick's map is copied
   */
  LiveFeed(String runId, long lastTick, RunControl control) {
    this.runId = runId;
    this.lastTick = lastTick;
    this.control = control;
  }

  String runId() {
    return runId;
  }

  @Override
  public void tick(TickRecord record, WorldModel world) {
    synchronized (this) {
      latest = record;
      if (decisions.size() == DECISIONS) {
        decisions.removeFirst();
      }
      decisions.addLast(DecisionView.of(record));
    }
    long now = System.nanoTime();
    // The last tick's map always: the run's end shows as it was, stopped or not.
    if (map == null
        || now - mapCopiedAt >= MAP_PERIOD_NANOS
        || record.tick() >= lastTick
        || control.isStopped()) {
      mapCopiedAt = now;
      map = MapView.of(runId, record.tick(), world);
    }
  }

  @Override
  public void seen(CameraFrame image, VisionFrame vision) {
    seen = new Seen(image, vision);
  }

  /** The newest tick recorded, or -1 before the first. */
  synchronized long tick() {
    return latest == null ? -1 : latest.tick();
  }

  synchronized double timeS() {
    return latest == null ? 0 : latest.timeS();
  }

  /** The robot where the newest tick saw it, once there is one. */
  synchronized Optional<RobotView> robot() {
    if (latest == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RobotView(
            ROBOT_ID,
            runId,
            latest.xM(),
            latest.yM(),
            latest.headingRad(),
            latest.collisions(),
            latest.nearestRangeM()));
  }

  /** The {@code state} message for the newest tick, once there is one. */
  synchronized Optional<StateView> state() {
    if (latest == null) {
      return Optional.empty();
    }
    return Optional.of(
        new StateView(
            "state",
            runId,
            latest.tick(),
            latest.timeS(),
            List.of(robot().orElseThrow()),
            List.copyOf(decisions),
            0));
  }

  Optional<MapView> map() {
    return Optional.ofNullable(map);
  }

  /** The newest frame's id, or -1 before the first; cheap, to see whether there is a new one. */
  int frameId() {
    Seen s = seen;
    return s == null ? -1 : s.image().frameId();
  }

  /** The {@code camera} message for the newest frame (its JPEG base64-encoded here, off-tick). */
  Optional<CameraView> camera() {
    Seen s = seen;
    if (s == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CameraView(
            "camera",
            runId,
            s.image().frameId(),
            s.image().timeS(),
            s.image().width(),
            s.image().height(),
            Base64.getEncoder().encodeToString(s.image().jpeg()),
            s.vision().error(),
            s.vision().detections().stream().map(BoxView::of).toList()));
  }
}
