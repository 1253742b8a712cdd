package dev.llmos.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.arena.ArenaGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
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

  /**
   * The bar: the object seeker finds the red ball with its camera and stops within 0.3 m of
   * it in at least 9 of 10 generated arenas, without a collision in any.
   */
  @Test
  void objectSeekerStopsInFrontOfTheRedBallInNineOfTenGeneratedArenas() throws Exception {
    List<String> missed = new ArrayList<>();
    for (long seed = 1; seed <= 10; seed++) {
      Arena arena = ArenaGenerator.generate(seed);
      RunSummary summary = SimulatedRuns.run("object-seeker", arena, seed, 180, runs, true);
      RunRecording run =
          RunRecording.read(runs.resolve("object-seeker-" + arena.name() + "-" + seed));
      TickRecord last = run.ticks().get(run.ticks().size() - 1);
      Translation2d ball =
          arena.objects().stream()
              .filter(o -> o.label().equals("red-ball"))
              .findFirst()
              .orElseThrow()
              .position();
      double off = ball.distanceTo(new Translation2d(last.xM(), last.yM()));
      assertThat(summary.collisions()).as("arena %d: %s", seed, summary).isZero();
      if (off > 0.3) {
        missed.add(String.format(Locale.ROOT, "arena %d ended %.2f m from the ball", seed, off));
      }
    }
    assertThat(missed).as("arenas where it did not reach the ball").hasSizeLessThanOrEqualTo(1);
  }
}
