package dev.llmos.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Translation2d;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontierTest {
  /**
   * A map drawn as text, one character a 1 m cell, row 0 north: '.' free, '#' occupied, '?'
   * unknown.
   */
  static WorldModel drawn(String... rows) {
    GridGeometry g = new GridGeometry(0, 0, 1, rows[0].length(), rows.length);
    WorldModel world = new WorldModel("drawn", g, 0);
    float[] layer = new float[g.cellCount()];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < rows[r].length(); c++) {
        char ch = rows[r].charAt(c);
        layer[g.index(c, r)] = ch == '.' ? -2f : ch == '#' ? 3f : 0f;
      }
    }
    world.restore(1, layer, List.of(), List.of());
    return world;
  }

  @Test
  void freeCellsBesideUnknownFormClustersSortedBySizeThenDistance() {
    WorldModel world =
        drawn(
            "??????", //
            "......", //
            "#....#", //
            "#....?", //
            "######");
    var frontiers = world.frontiers(new Translation2d(0.5, 0.5), 1);
    // The north row (6 cells) is one cluster; the cell beside the east '?' is another.
    assertThat(frontiers).hasSize(2);
    assertThat(frontiers.get(0).sizeCells()).isEqualTo(6);
    assertThat(frontiers.get(0).centroid().xM()).isCloseTo(3, within(1e-12));
    assertThat(frontiers.get(0).centroid().yM()).isCloseTo(3.5, within(1e-12));
    assertThat(frontiers.get(1).sizeCells()).isEqualTo(1);
    assertThat(frontiers.get(1).centroid().xM()).isCloseTo(4.5, within(1e-12));
    assertThat(frontiers.get(1).centroid().yM()).isCloseTo(1.5, within(1e-12));
    assertThat(frontiers.get(1).distanceM()).isCloseTo(Math.hypot(4, 1), within(1e-12));
    assertThat(world.frontiers(new Translation2d(0, 0), 2)).hasSize(1);
  }

  @Test
  void equalClustersComeNearestFirstAndDiagonalCellsJoin() {
    WorldModel world =
        drawn(
            "?.###.?", //
            "#.....#", //
            "#######");
    var frontiers = world.frontiers(new Translation2d(6, 1), 1);
    assertThat(frontiers).extracting(Frontier::sizeCells).containsExactly(1, 1);
    assertThat(frontiers.get(0).centroid().xM()).isCloseTo(5.5, within(1e-12));
    WorldModel diagonal =
        drawn(
            "?.##", //
            "#?.#", //
            "####");
    // (1,0) borders the '?' west of it, (2,1) the '?' west of it; they touch diagonally.
    assertThat(diagonal.frontiers(Translation2d.ZERO, 1))
        .extracting(Frontier::sizeCells)
        .containsExactly(2);
  }

  @Test
  void aClosedKnownRoomHasNoFrontier() {
    assertThat(drawn("###", "#.#", "###").frontiers(Translation2d.ZERO, 1)).isEmpty();
  }
}
