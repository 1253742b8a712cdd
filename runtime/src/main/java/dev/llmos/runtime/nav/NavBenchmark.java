package dev.llmos.runtime.nav;

import dev.llmos.core.grid.MovingAiMap;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.runtime.nav.MovingAiScenarios.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the octile heuristic buys: A* against Dijkstra (the same search with a zero heuristic) on
 * the MovingAI maze512-32-9 map, over the same scenarios in one run. Both first solve every chosen
 * scenario once to warm up, then each scenario is timed for both, alternating which goes first.
 */
public final class NavBenchmark {
  public static final String MAP = "maze512-32-9.map";

  /**
   * What one run measured.
   *
   * @param scenarios scenarios timed
   * @param aStarTotalMs A* time over all of them, ms
   * @param dijkstraTotalMs Dijkstra time over all of them, ms
   * @param aStarMedianMs median A* time of one scenario, ms
   * @param dijkstraMedianMs median Dijkstra time of one scenario, ms
   * @param aStarExpanded cells A* expanded over all scenarios
   * @param dijkstraExpanded cells Dijkstra expanded over all scenarios
   */
  public record Result(
      int scenarios,
      double aStarTotalMs,
      double dijkstraTotalMs,
      double aStarMedianMs,
      double dijkstraMedianMs,
      long aStarExpanded,
      long dijkstraExpanded) {

    /** Dijkstra time over A* time; above 1 when the heuristic pays. */
    public double speedup() {
      return dijkstraTotalMs / aStarTotalMs;
    }

    /** One readable line for a terminal. */
    public String summary() {
      return String.format(
          "maze512 A* vs Dijkstra over %d scenarios: A* %.0f ms (median %.2f ms, %d cells"
              + " expanded), Dijkstra %.0f ms (median %.2f ms, %d expanded), speedup %.2fx",
          scenarios,
          aStarTotalMs,
          aStarMedianMs,
          aStarExpanded,
          dijkstraTotalMs,
          dijkstraMedianMs,
          dijkstraExpanded,
          speedup());
    }
  }

  private NavBenchmark() {}

  /** The standard run: every 10th scenario of the 100 hardest buckets. */
  public static Result run(Path movingAiDirectory) {
    return run(movingAiDirectory, 100, 10);
  }

  /**
   * Times A* and Dijkstra on a selection of the map's scenarios.
   *
   * @param movingAiDirectory holds {@value #MAP} and its {@code .scen} file
   * @param hardestBuckets how many of the highest (longest-path) buckets to draw from
   * @param stride every stride-th scenario of those is timed
   */
  public static Result run(Path movingAiDirectory, int hardestBuckets, int stride) {
    if (hardestBuckets < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "hardestBuckets and stride must be at least 1, got " + hardestBuckets + ", " + stride);
    }
    OccupancyGrid grid = MovingAiMap.parse(MAP, read(movingAiDirectory.resolve(MAP)));
    List<Scenario> all =
        MovingAiScenarios.parse(MAP + ".scen", read(movingAiDirectory.resolve(MAP + ".scen")));
    int topBucket = all.stream().mapToInt(Scenario::bucket).max().orElse(0);
    List<Scenario> hard =
        all.stream().filter(s -> s.bucket() > topBucket - hardestBuckets).toList();
    Scenario[] chosen = new Scenario[(hard.size() + stride - 1) / stride];
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = hard.get(i * stride);
    }
    AStar aStar = new AStar(grid);
    Dijkstra dijkstra = new Dijkstra(grid);
    for (Scenario s : chosen) {
      aStar.find(s.start(), s.goal());
      dijkstra.find(s.start(), s.goal());
    }
    double[] aStarMs = new double[chosen.length];
    double[] dijkstraMs = new double[chosen.length];
    long aStarExpanded = 0;
    long dijkstraExpanded = 0;
    for (int i = 0; i < chosen.length; i++) {
      Scenario s = chosen[i];
      if (i % 2 == 0) {
        aStarMs[i] = timeAStar(aStar, s);
        dijkstraMs[i] = timeDijkstra(dijkstra, s);
      } else {
        dijkstraMs[i] = timeDijkstra(dijkstra, s);
        aStarMs[i] = timeAStar(aStar, s);
      }
      aStarExpanded += aStar.expandedCells();
      dijkstraExpanded += dijkstra.expandedCells();
    }
    return new Result(
        chosen.length,
        Arrays.stream(aStarMs).sum(),
        Arrays.stream(dijkstraMs).sum(),
        median(aStarMs),
        median(dijkstraMs),
        aStarExpanded,
        dijkstraExpanded);
  }

  private static double timeAStar(AStar aStar, Scenario s) {
    long start = System.nanoTime();
    aStar.find(s.start(), s.goal());
    return (System.nanoTime() - start) / 1e6;
  }

  private static double timeDijkstra(Dijkstra dijkstra, Scenario s) {
    long start = System.nanoTime();
    dijkstra.find(s.start(), s.goal());
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
