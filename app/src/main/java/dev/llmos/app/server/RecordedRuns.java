package dev.llmos.app.server;

import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.Replay;
import dev.llmos.runtime.blackbox.RunHeader;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The runs recorded in a workspace's {@code runs/}, for listing and replay (docs/api.md). */
final class RecordedRuns {
  /** The most ticks one request returns. */
  static final int MAX_TICKS = 5000;

  /** The coarsest sampling of ticks one may ask for. */
  static final int MAX_STEP = 1_000_000;

  /** Run ids are made by LLMos; anything else (a path, "..") names no run. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

  private final Path runs;

  /** The last recording read, kept while its trace is unchanged: a replay pages through it. */
  private Cached cached;

  private record Cached(Path dir, FileTime modified, long size, Replay replay) {}

  RecordedRuns(Path runs) {
    this.runs = runs;
  }

  /** A run in the list. */
  record RunEntry(
      String id, String agent, String arena, long seed, String startedAt, String outcome) {}

  /** One run whole, without its ticks. */
  record RunDetail(RunHeader header, RunSummary summary, long ticks, int tornLines) {}

  /** Every recorded run, newest first; a directory that is not a run is skipped. */
  List<RunEntry> list() {
    List<RunEntry> out = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runs, Files::isDirectory)) {
      for (Path dir : dirs) {
        RunRecording.Glance g;
        try {
          g = RunRecording.glance(dir);
        } catch (IOException | RuntimeException e) {
          continue;
        }
        RunHeader h = g.header();
        out.add(
            new RunEntry(
                dir.getFileName().toString(),
                h.agent(),
                h.arena(),
                h.seed(),
                h.startedAt(),
                g.summary().map(RunSummary::outcome).orElse(null)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runs, e);
    }
    out.sort(
        Comparator.comparing(RunEntry::startedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(RunEntry::id, Comparator.reverseOrder()));
    return out;
  }

  RunDetail detail(String id) {
    Replay replay = replay(id);
    RunRecording r = replay.recording();
    return new RunDetail(r.header(), r.summary().orElse(null), r.ticks().size(), r.tornLines());
  }

  /** Recorded ticks for replay: pose, decision and latency. */
  record TickView(
      long tick,
      double timeS,
      double x,
      double y,
      double headingRad,
      int collisions,
      String brain,
      String reason,
      double confidence,
      double latencyMs,
      String command,
      String verdict) {
    static TickView of(TickRecord t) {
      return new TickView(
          t.tick(),
          t.timeS(),
          t.xM(),
          t.yM(),
          t.headingRad(),
          t.collisions(),
          t.brain(),
          t.reason(),
          t.confidence(),
          t.tickTimeMs(),
          t.command(),
          t.verdict());
    }
  }

  List<TickRecord> ticks(String id, long from, long to, int step) {
    if (from < 0 || to < from) {
      throw ApiException.badRequest(
          "from and to must satisfy 0 <= from <= to, got from=" + from + ", to=" + to);
    }
    if (step < 1) {
      throw ApiException.badRequest("step must be at least 1, got " + step);
    }
    List<TickRecord> out = new ArrayList<>();
    for (TickRecord t : replay(id).recording().ticks()) {
      if (t.tick() >= from && t.tick() <= to && (t.tick() - from) % step == 0) {
        out.add(t);
        if (out.size() == MAX_TICKS) {
          break;
        }
      }
    }
    return out;
  }

  /** The world model at a tick (the latest when empty), as the live {@code map} message. */
  MapView map(String id, Optional<Long> tick) {
    Replay replay = replay(id);
    Optional<Replay.WorldAtTick> world;
    try {
      world = tick.isPresent() ? replay.worldAt(tick.get()) : replay.worldAtEnd();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage() + "; " + replay.tickRange());
    }
    Replay.WorldAtTick at =
        world.orElseThrow(
            () ->
                ApiException.notFound(
                    "run " + id + " recorded no world model at or before that tick"));
    return MapView.of(id, at.tick(), at.world());
  }

  boolean exists(String id) {
    return RUN_ID.matcher(id).matches()
        && Files.isRegularFile(runs.resolve(id).resolve(BlackBox.TRACE));
  }

  private synchronized Replay replay(String id) {
    if (!exists(id)) {
      throw ApiException.notFound("no recorded run named '" + id + "'");
    }
    Path dir = runs.resolve(id);
    try {
      Path trace = dir.resolve(BlackBox.TRACE);
      FileTime modified = Files.getLastModifiedTime(trace);
      long size = Files.size(trace);
      if (cached == null
          || !cached.dir().equals(dir)
          || !cached.modified().equals(modified)
          || cached.size() != size) {
        cached = new Cached(dir, modified, size, Replay.of(RunRecording.read(dir)));
      }
      return cached.replay();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read run " + id, e);
    }
  }
}
