package dev.llmos.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.sim.arena.ArenaCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped robot agents do their jobs offline, on simulated robots. */
class ShippedAgentsTest {
  @TempDir Path runs;

  /** The bar: no collision in five simulated minutes in the obstacles arena, ten seeds. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void wallAvoiderDrivesFiveMinutesInTheObstaclesArenaWithoutACollision(long seed)
      throws Exception {
    RunSummary summary =
        SimulatedRuns.run("wall-avoider", ArenaCatalog.loadPackaged("obstacles"), seed, 300, runs);
    assertThat(summary.outcome()).isEqualTo("completed");
    assertThat(summary.collisions()).as("%s", summary).isZero();
    assertThat(summary.distanceM()).as("it drove, not hid: %s", summary).isGreaterThan(15.0);
    RunRecording recording = RunRecording.read(runs.resolve("wall-avoider-obstacles-" + seed));
    assertThat(recording.ticks()).hasSize(3000);
    assertThat(recording.summary()).contains(summary);
  }

  /** The bar: 90 % of the office's reachable area known within five minutes, ten seeds. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void explorerMapsTheOfficeWithinFiveMinutes(long seed) throws Exception {
    var office = ArenaCatalog.loadPackaged("office");
    RunSummary summary = SimulatedRuns.run("explorer", office, seed, 300, runs);
    assertThat(summary.outcome()).isEqualTo("completed");
    var map = SimulatedRuns.finalMap(runs.resolve("explorer-office-" + seed));
    double known = map.explorationFraction(SimulatedRuns.reachable(office, map.geometry(), 0.0566));
    assertThat(known).as("reachable area known: %s", summary).isGreaterThanOrEqualTo(0.9);
  }
}
