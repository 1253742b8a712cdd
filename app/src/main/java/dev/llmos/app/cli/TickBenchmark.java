package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The control tick's own time, excluding models: the shipped explorer maps the office on a lockstep
 * simulated robot, several seeds, and every recorded tick's stages (sense, decide, plan, predict,
 * send) are pooled. The planner's own time is reported apart: it runs on its own thread. A warm-up
 * run comes first and is not counted.
 */
final class TickBenchmark {
  /** The goal for the tick's 99th percentile, milliseconds. */
  static final double GOAL_P99_MS = 1.0;

  private static final List<String> STAGES =
      List.of("sense", "decide", "plan", "request", "predict", "send");

  private TickBenchmark() {}

  /**
   * The pooled figures.
   *
   * @param ticks ticks measured
   * @param p50Ms median tick time
   * @param p99Ms 99th percentile
   * @param maxMs the slowest tick
   * @param stageP99Ms each stage's 99th percentile
   * @param plannerP50Ms the planner's median, on its own thread
   * @param plannerP99Ms its 99th percentile
   * @param plans plans made
   */
  record Result(
      long ticks,
      double p50Ms,
      double p99Ms,
      double maxMs,
      Map<String, Double> stageP99Ms,
      double plannerP50Ms,
      double plannerP99Ms,
      long plans) {
    String summary(String agent, String arena, int runs, double seconds) {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              Locale.ROOT,
              "control tick, %s in %s, %d runs x %.0f s = %d ticks (planner off the tick):%n",
              agent,
              arena,
              runs,
              seconds,
              ticks));
      s.append(
          String.format(
              Locale.ROOT,
              "  p50 %.3f ms, p99 %.3f ms, max %.3f ms; p99 / goal (%.1f ms) = %.2f;"
                  + " p99 / tick period (100 ms) = %.4f%n",
              p50Ms,
              p99Ms,
              maxMs,
              GOAL_P99_MS,
              p99Ms / GOAL_P99_MS,
              p99Ms / (RunCommand.TICK_S * 1000)));
      s.append("  stage p99:");
      stageP99Ms.forEach((k, v) -> s.append(String.format(Locale.ROOT, " %s %.3f ms", k, v)));
      s.append(
          String.format(
              Locale.ROOT,
              "%n  planner (own thread): %d plans, p50 %.3f ms, p99 %.3f ms",
              plans,
              plannerP50Ms,
              plannerP99Ms));
      return s.toString();
    }
  }

  static Result run(String agentName, String arenaName, int runs, double seconds)
      throws IOException, InterruptedException {
    VolumeSet system = VolumeSet.of(SystemVolumes.packaged());
    KernelConfig kernel = KernelConfig.load(system);
    AgentSpec agent =
        Catalog.load(system, kernel.settings())
            .agent(agentName)
            .orElseThrow(() -> new NotFoundException("no shipped agent named " + agentName));
    Arena arena = ArenaCatalog.load(arenaName);
    Path dir = Files.createTempDirectory("llmos-bench-tick");
    try {
      SimulatedRun.run(
          agent,
          kernel.safety(),
          dir,
          "warmup",
          arena,
          0,
          seconds,
          new RunControl(0),
          (r, w) -> {},
          Optional.empty());
      List<Double> total = new ArrayList<>();
      Map<String, List<Double>> stages = new LinkedHashMap<>();
      STAGES.forEach(s -> stages.put(s, new ArrayList<>()));
      List<Double> planner = new ArrayList<>();
      for (int i = 1; i <= runs; i++) {
        String id = "run-" + i;
        SimulatedRun.run(
            agent,
            kernel.safety(),
            dir,
            id,
            arena,
            i,
            seconds,
            new RunControl(0),
            (r, w) -> {},
            Optional.empty());
        for (TickRecord t : RunRecording.read(dir.resolve(id)).ticks()) {
          for (String stage : STAGES) {
            stages.get(stage).add(t.latenciesMs().getOrDefault(stage, 0.0));
          }
          total.add(t.tickTimeMs());
          Double plan = t.latenciesMs().get("planner");
          if (plan != null) {
            planner.add(plan);
          }
        }
      }
      Map<String, Double> stageP99 = new LinkedHashMap<>();
      stages.forEach((k, v) -> stageP99.put(k, percentile(v, 0.99)));
      return new Result(
          total.size(),
          percentile(total, 0.5),
          percentile(total, 0.99),
          percentile(total, 1.0),
          stageP99,
          percentile(planner, 0.5),
          percentile(planner, 0.99),
          planner.size());
    } finally {
      delete(dir);
    }
  }

  private static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
