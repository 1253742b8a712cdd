package dev.llmos.runtime.nav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.grid.MovingAiMap;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.runtime.nav.MovingAiScenarios.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A* reproduces the published optimal length of every MovingAI scenario we carry. */
class MovingAiBenchmarkTest {
  private static final double TOLERANCE = 1e-4;
  private static final int MAZE_STRIDE = 25;

  @Test
  void everyArenaScenarioHasItsOptimalLength() throws IOException {
    OccupancyGrid map = MovingAiMap.parse("arena.map", resource("arena.map"));
    List<Scenario> scenarios =
        MovingAiScenarios.parse("arena.map.scen", resource("arena.map.scen"));
    assertThat(scenarios).hasSize(160);
    assertThat(mismatches(map, scenarios, "arena.map.scen")).isEmpty();
  }

  /**
   * Every 25th of the maze's 8010 scenarios, across all its buckets: all of them take minutes (A*
   * expands most of the maze for its long paths), which is a benchmark's job, not the suite's.
   */
  @Test
  void maze512ScenariosAcrossEveryBucketHaveTheirOptimalLength() throws IOException {
    Path dir = SharedBenchmarks.movingAiDirectory();
    OccupancyGrid map =
        MovingAiMap.parse("maze512-32-9.map", Files.readString(dir.resolve("maze512-32-9.map")));
    List<Scenario> scenarios =
        MovingAiScenarios.parse(
            "maze512-32-9.map.scen", Files.readString(dir.resolve("maze512-32-9.map.scen")));
    assertThat(scenarios).hasSize(8010);
    List<Scenario> sample = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i += MAZE_STRIDE) {
      sample.add(scenarios.get(i));
    }
    assertThat(mismatches(map, sample, "maze512-32-9.map.scen")).isEmpty();
  }

  private static List<String> mismatches(
      OccupancyGrid map, List<Scenario> scenarios, String source) {
    AStar aStar = new AStar(map);
    List<String> wrong = new ArrayList<>();
    for (Scenario s : scenarios) {
      double length = aStar.find(s.start(), s.goal()).map(GridPath::lengthCells).orElse(-1.0);
      if (Math.abs(length - s.optimalLength()) > TOLERANCE) {
        wrong.add(source + ":" + s.line() + " expected " + s.optimalLength() + ", got " + length);
      }
    }
    return wrong;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MovingAiBenchmarkTest.class.getResourceAsStream("/movingai/" + name)) {
      assertThat(in).as("test resource /movingai/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
