package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoOverlapTest {
  private static final ArenaGeometry FURNISHED = ArenaGeometry.of(SimBenchmark.arena());

  /**
   * Twelve robots on random full-speed targets at the slowest step allowed, in a furnished room:
   * after every step no robot is inside a solid or another robot.
   */
  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, 3, 42, -7, 1234567, Long.MIN_VALUE, Long.MAX_VALUE})
  void robotsNeverEndUpInsideSolidsOrEachOther(long seed) {
    SimWorld world = new SimWorld(FURNISHED, SimWorld.MAX_STEP_S, seed);
    SimBenchmark.populate(world, 12);
    List<SimBody> robots = world.robots();
    SplittableRandom commands = new SplittableRandom(seed);
    for (int step = 0; step < 1500; step++) {
      if (step % 25 == 0) {
        for (SimBody r : robots) {
          r.setWheelTargets(
              new WheelSpeeds(commands.nextDouble(-0.6, 0.6), commands.nextDouble(-0.6, 0.6)));
        }
      }
      world.step();
      for (int i = 0; i < robots.size(); i++) {
        SimBody a = robots.get(i);
        assertThat(TestArenas.arenaGapM(world, a)).as("%s at step %d", a.id(), step).isPositive();
        for (int j = i + 1; j < robots.size(); j++) {
          SimBody b = robots.get(j);
          assertThat(a.pose().translation().distanceTo(b.pose().translation()))
              .as("%s and %s at step %d", a.id(), b.id(), step)
              .isGreaterThan(a.radiusM() + b.radiusM());
        }
      }
    }
    assertThat(robots.stream().mapToInt(SimBody::collisions).sum()).isPositive();
  }
}
