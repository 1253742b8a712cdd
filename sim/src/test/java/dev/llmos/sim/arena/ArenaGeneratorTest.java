package dev.llmos.sim.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

class ArenaGeneratorTest {
  @Test
  void theSameSeedGivesTheSameArena() {
    assertThat(ArenaGenerator.generate(42)).isEqualTo(ArenaGenerator.generate(42));
  }

  @Test
  void differentSeedsGiveDifferentArenas() {
    assertThat(ArenaGenerator.generate(1).boxes()).isNotEqualTo(ArenaGenerator.generate(2).boxes());
    assertThat(ArenaGenerator.generate(1).name()).isEqualTo("random-1");
  }

  @Test
  void everyGeneratedArenaHasFreeStartsThatReachTheBallAndTheDock() {
    ArenaGenerator.Options crowded = new ArenaGenerator.Options(2.5, 2, 10, 6, 4);
    for (long seed = 0; seed < 40; seed++) {
      Arena arena =
          ArenaGenerator.generate(seed, seed % 2 == 0 ? ArenaGenerator.Options.DEFAULT : crowded);
      ArenaGeometry g = ArenaGeometry.of(arena);
      Translation2d ball = object(arena, "red-ball").position();
      Translation2d dock = object(arena, "dock").position();
      assertThat(arena.starts()).hasSize(seed % 2 == 0 ? 2 : 4);
      assertThat(arena.starts().get(0).translation().distanceTo(ball)).isGreaterThanOrEqualTo(0.5);
      for (Pose2d s : arena.starts()) {
        assertThat(g.clearance(s.xM(), s.yM(), 1))
            .as("seed %d start %s", seed, s)
            .isGreaterThan(0.06);
        // Walk 2 cm steps from the start through points with robot clearance.
        assertThat(reachable(g, s.translation(), ball, 0.15)).as("seed %d ball", seed).isTrue();
        assertThat(reachable(g, s.translation(), dock, 0.03)).as("seed %d dock", seed).isTrue();
      }
    }
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> new ArenaGenerator.Options(0.5, 3, 1, 1, 1))
        .hasMessageContaining("1 to 20 m");
    assertThatThrownBy(() -> new ArenaGenerator.Options(3, 3, 1, 1, 0))
        .hasMessageContaining("starts must be 1 to 8");
  }

  private static ArenaObject object(Arena arena, String label) {
    return arena.objects().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
  }

  /** Breadth-first over a 2 cm lattice of points with more than 0.06 m clearance. */
  private static boolean reachable(
      ArenaGeometry g, Translation2d from, Translation2d goal, double withinM) {
    double step = 0.02;
    int cols = (int) (g.arena().widthM() / step);
    int rows = (int) (g.arena().heightM() / step);
    boolean[] seen = new boolean[cols * rows];
    ArrayDeque<int[]> queue = new ArrayDeque<>();
    int c0 = (int) (from.xM() / step);
    int r0 = (int) (from.yM() / step);
    queue.add(new int[] {c0, r0});
    seen[r0 * cols + c0] = true;
    while (!queue.isEmpty()) {
      int[] cell = queue.poll();
      double x = (cell[0] + 0.5) * step;
      double y = (cell[1] + 0.5) * step;
      if (Math.hypot(x - goal.xM(), y - goal.yM()) <= withinM) {
        return true;
      }
      int[][] next = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
      for (int[] d : next) {
        int c = cell[0] + d[0];
        int r = cell[1] + d[1];
        if (c >= 0
            && r >= 0
            && c < cols
            && r < rows
            && !seen[r * cols + c]
            && g.clearance((c + 0.5) * step, (r + 0.5) * step, 1) > 0.06) {
          seen[r * cols + c] = true;
          queue.add(new int[] {c, r});
        }
      }
    }
    return false;
  }
}
