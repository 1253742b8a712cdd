package dev.llmos.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.Replay;
import dev.llmos.runtime.blackbox.RunHeader;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.TickRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos replay}: a recorded run's metrics, decisions and map at any tick. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a run recorded by `llmos run`: its metrics, decisions per brain,",
      "brain changes and events; the decision at one tick or every decision in a",
      "range; the map at any tick. A run cut short (no summary) replays too."
    })
final class ReplayCommand implements Callable<Integer> {
  /** The text map's width, characters. */
  static final int MAP_COLUMNS = 60;

  /** Brain changes shown in the overview; --from/--to shows the rest. */
  static final int SHOWN_CHANGES = 10;

  /** Run ids named when a run is not found. */
  static final int SHOWN_RUNS = 5;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "RUN",
      description =
          "A run id (a directory under the workspace's runs/), `latest`, or a run directory.")
  private String runName;

  @Option(
      names = "--tick",
      paramLabel = "N",
      description = "Show the decision at tick N (with --map, the map at tick N).")
  private Long tick;

  @Option(
      names = "--from",
      paramLabel = "A",
      description = "Show one line per decision from tick A (default: the first).")
  private Long fromTick;

  @Option(
      names = "--to",
      paramLabel = "B",
      description = "Show one line per decision up to tick B, included (default: the last).")
  private Long toTick;

  @Option(
      names = "--map",
      description = "Show the map, robot marked R: at --tick N, else as the run left it.")
  private boolean map;

  @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
  private boolean json;

  @Override
  public Integer call() throws IOException {
    boolean range = fromTick != null || toTick != null;
    if (tick != null && range) {
      throw new IllegalArgumentException("--tick and --from/--to do not go together; pick one");
    }
    if (range && fromTick != null && toTick != null && fromTick > toTick) {
      throw new IllegalArgumentException(
          "--from " + fromTick + " is after --to " + toTick + "; nothing to show");
    }
    Replay replay = Replay.of(RunRecording.read(locate()));
    Optional<TickRecord> decision =
        tick == null ? Optional.empty() : Optional.of(replay.requireTick(tick));
    List<TickRecord> decisions =
        range
            ? replay.ticks(
                fromTick == null ? Long.MIN_VALUE : fromTick,
                toTick == null ? Long.MAX_VALUE : toTick)
            : List.of();
    Optional<Replay.WorldAtTick> world =
        !map ? Optional.empty() : tick == null ? replay.worldAtEnd() : replay.worldAt(tick);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JSON.writeValueAsString(json(replay, decision, range, decisions, world)));
      return ExitCodes.OK;
    }
    if (decision.isPresent()) {
      printTick(out, replay, decision.get());
    } else if (range) {
      printRange(out, replay, decisions);
    } else {
      printOverview(out, replay);
    }
    if (map) {
      printMap(out, world);
    }
    return ExitCodes.OK;
  }

  /** The run's directory: an id under the workspace's runs/, {@code latest}, or a path. */
  private Path locate() {
    WorkspaceOptions options = WorkspaceOptions.of(spec);
    if (options.exists()) {
      Path runs = options.open().runsDirectory();
      if (runName.equals("latest")) {
        return recentRuns(runs)
            .findFirst()
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no runs recorded in " + runs + " yet; `llmos run AGENT` records one"));
      }
      Path byId = runs.resolve(runName);
      if (Files.isDirectory(byId)) {
        return byId;
      }
    }
    Optional<Path> byPath = asPath(runName).filter(Files::isDirectory);
    if (byPath.isPresent()) {
      return byPath.get();
    }
    // Without a workspace, opening it fails saying to run `llmos init`.
    Path runs = options.open().runsDirectory();
    List<String> recent =
        recentRuns(runs).limit(SHOWN_RUNS).map(p -> p.getFileName().toString()).toList();
    throw new NotFoundException(
        "no run named '"
            + runName
            + "' in "
            + runs
            + (recent.isEmpty()
                ? " (no runs recorded yet; `llmos run AGENT` records one)"
                : "; the latest: " + String.join(", ", recent) + " (`ls " + runs + "` for all)"));
  }

  private static Optional<Path> asPath(String name) {
    try {
      return Optional.of(Path.of(name));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Recorded runs, newest first: run ids start with their UTC start time, so names sort. */
  private static Stream<Path> recentRuns(Path runs) {
    if (!Files.isDirectory(runs)) {
      return Stream.empty();
    }
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs
          .filter(d -> Files.isRegularFile(d.resolve(BlackBox.TRACE)))
          .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed())
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the runs in " + runs, e);
    }
  }

  private static void printOverview(PrintWriter out, Replay replay) {
    RunRecording run = replay.recording();
    RunHeader h = run.header();
    Replay.Metrics m = replay.metrics();
    out.printf("run %s: %s%n", h.runId(), m.outcome());
    if (!m.finished()) {
      out.printf(
          "  the run was cut short (no summary); metrics recomputed from its %d tick(s)%n",
          m.ticks());
    }
    if (m.tornLines() > 0) {
      out.printf("  %d line(s) of the trace could not be read%n", m.tornLines());
    }
    out.printf(
        "  agent %s v%d on %s%s%n",
        h.agent(),
        h.agentVersion(),
        h.robot(),
        h.arena().isEmpty() ? "" : ", arena " + h.arena() + ", seed " + h.seed());
    out.printf("  started %s%n", h.startedAt());
    out.printf(
        Locale.ROOT,
        "  %.1f s, %d ticks, %.2f m driven, %d collision(s), %.0f %% of the map known%n",
        m.durationS(),
        m.ticks(),
        m.distanceM(),
        m.collisions(),
        m.coverage() * 100);
    out.printf(Locale.ROOT, "  tick time p50 %.3f ms, p99 %.3f ms%n", m.tickP50Ms(), m.tickP99Ms());
    out.printf(
        "  decisions: %s%n",
        m.decisionsByBrain().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")));
    if (!m.escalations().isEmpty()) {
      out.printf(
          "  escalations to the planner: %s%n",
          m.escalations().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining(", ")));
    }
    List<Replay.BrainChange> changes = replay.brainChanges();
    out.printf("  brain changes: %d%n", changes.size());
    changes.stream()
        .limit(SHOWN_CHANGES)
        .forEach(
            c ->
                out.printf(
                    "    tick %d: %s -> %s (%s)%n",
                    c.tick(), c.fromBrain(), c.toBrain(), c.reason()));
    if (changes.size() > SHOWN_CHANGES) {
      out.printf(
          "    ... and %d more; --from/--to shows every decision%n",
          changes.size() - SHOWN_CHANGES);
    }
    out.printf("  events: %d%n", run.events().size());
    run.events().forEach(e -> out.printf("    tick %d: %s %s%n", e.tick(), e.kind(), e.message()));
    out.printf("  recorded in %s%n", run.directory());
  }

  private static void printTick(PrintWriter out, Replay replay, TickRecord t) {
    out.printf(
        Locale.ROOT,
        "run %s, tick %d at %.2f s robot time%n",
        replay.recording().header().runId(),
        t.tick(),
        t.timeS());
    out.printf(
        Locale.ROOT,
        "  pose (%.2f, %.2f) m heading %.0f deg, nearest range %.2f m, bumper %s,"
            + " %d collision(s) so far%n",
        t.xM(),
        t.yM(),
        Math.toDegrees(t.headingRad()),
        t.nearestRangeM(),
        t.bumper() ? "pressed" : "free",
        t.collisions());
    out.printf(Locale.ROOT, "  brain:      %s, confidence %.2f%n", t.brain(), t.confidence());
    out.printf("  reason:     %s%n", t.reason());
    out.printf("  command:    %s%n", t.command().isEmpty() ? "(none sent)" : t.command());
    out.printf("  verdict:    %s%n", t.verdict());
    out.printf(
        "  latencies:  %s%n",
        t.latenciesMs().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> String.format(Locale.ROOT, "%s %.3f ms", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", ")));
    replay.recording().events().stream()
        .filter(e -> e.tick() == t.tick())
        .forEach(e -> out.printf("  event:      %s %s%n", e.kind(), e.message()));
  }

  private static void printRange(PrintWriter out, Replay replay, List<TickRecord> decisions) {
    if (decisions.isEmpty()) {
      out.printf("no decisions in that range; %s%n", replay.tickRange());
      return;
    }
    for (TickRecord t : decisions) {
      out.printf(
          Locale.ROOT,
          "%6d %8.2f s  %-9s %.2f  %s | %s | %s%n",
          t.tick(),
          t.timeS(),
          t.brain(),
          t.confidence(),
          t.command().isEmpty() ? "(none sent)" : t.command(),
          t.verdict(),
          t.reason());
    }
  }

  private void printMap(PrintWriter out, Optional<Replay.WorldAtTick> world) {
    if (world.isEmpty()) {
      out.println(
          tick == null
              ? "no map: the run recorded no world snapshot"
              : "no map: no world snapshot was taken at or before tick " + tick);
      return;
    }
    Replay.WorldAtTick w = world.get();
    if (tick == null) {
      out.printf(
          "%nmap as the run left it (world snapshot of tick %d, robot at its pose of tick %d)%n",
          w.snapshotTick(), w.tick());
    } else {
      out.printf(
          "%nmap at tick %d (world snapshot of tick %d, robot at its pose of tick %d)%n",
          w.tick(), w.snapshotTick(), w.tick());
    }
    out.print(w.world().toText(MAP_COLUMNS));
  }

  private ObjectNode json(
      Replay replay,
      Optional<TickRecord> decision,
      boolean range,
      List<TickRecord> decisions,
      Optional<Replay.WorldAtTick> world)
      throws IOException {
    RunRecording run = replay.recording();
    ObjectNode root = JSON.createObjectNode();
    root.set("run", JSON.valueToTree(run.header()));
    root.put("directory", run.directory().toString());
    root.set("metrics", JSON.valueToTree(replay.metrics()));
    root.set("brainChanges", JSON.valueToTree(replay.brainChanges()));
    root.set("events", JSON.valueToTree(run.events()));
    decision.ifPresent(t -> root.set("decision", JSON.valueToTree(t)));
    if (range) {
      root.set("decisions", JSON.valueToTree(decisions));
    }
    if (map && world.isEmpty()) {
      root.putNull("map");
    } else if (world.isPresent()) {
      Replay.WorldAtTick w = world.get();
      ObjectNode node = root.putObject("map");
      node.put("tick", w.tick());
      node.put("snapshotTick", w.snapshotTick());
      node.put("text", w.world().toText(MAP_COLUMNS));
      node.set("world", JSON.readTree(w.world().toJson()));
    }
    return root;
  }
}
