package dev.llmos.runtime.nav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.grid.MovingAiMap;
import dev.llmos.core.grid.OccupancyGrid;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridSearchTest {
  static OccupancyGrid grid(String... rows) {
    String text =
        "type octile\nheight "
            + rows.length
            + "\nwidth "
            + rows[0].length()
            + "\nmap\n"
            + String.join("\n", rows)
            + "\n";
    return MovingAiMap.parse("test.map", text);
  }

  @Test
  void diagonalStepsCostRootTwoAndStraightOnesOne() {
    OccupancyGrid open = grid(".....", ".....", ".....");
    GridPath path = new AStar(open).find(new GridCell(0, 0), new GridCell(4, 2)).orElseThrow();
    assertThat(path.lengthCells()).isCloseTo(2 + 2 * Math.sqrt(2), within());
    assertThat(path.start()).isEqualTo(new GridCell(0, 0));
    assertThat(path.goal()).isEqualTo(new GridCell(4, 2));
    assertThat(path.cells()).hasSize(5);
  }

  @Test
  void aDiagonalMayNotCutABlockedCorner() {
    // Going from (0,1) to (1,0) diagonally would cut the corner of the wall at (0,0)/(1,1).
    OccupancyGrid corner = grid("@.", "..");
    GridPath path = new AStar(corner).find(new GridCell(0, 1), new GridCell(1, 0)).orElseThrow();
    assertThat(path.lengthCells()).isCloseTo(2, within());
    assertThat(path.cells())
        .containsExactly(new GridCell(0, 1), new GridCell(1, 1), new GridCell(1, 0));

    OccupancyGrid squeeze = grid("@.", ".@");
    assertThat(new AStar(squeeze).find(new GridCell(0, 1), new GridCell(1, 0))).isEmpty();
  }

  @Test
  void everyStepOfAPathIsAnAllowedMove() {
    OccupancyGrid maze = grid("......@...", ".@@@@.@.@.", ".@....@.@.", ".@.@@@@.@.", "..........");
    GridPath path = new AStar(maze).find(new GridCell(2, 2), new GridCell(9, 0)).orElseThrow();
    double length = 0;
    List<GridCell> cells = path.cells();
    for (int i = 1; i < cells.size(); i++) {
      GridCell a = cells.get(i - 1);
      GridCell b = cells.get(i);
      int dx = b.col() - a.col();
      int dy = b.row() - a.row();
      assertThat(Math.max(Math.abs(dx), Math.abs(dy))).isEqualTo(1);
      assertThat(maze.isFree(b.col(), b.row())).isTrue();
      if (dx != 0 && dy != 0) {
        assertThat(maze.isFree(a.col() + dx, a.row()) && maze.isFree(a.col(), a.row() + dy))
            .as("no corner cut between %s and %s", a, b)
            .isTrue();
        length += Math.sqrt(2);
      } else {
        length += 1;
      }
    }
    assertThat(path.lengthCells()).isCloseTo(length, within());
  }

  @Test
  void blockedOrWalledOffEndsHaveNoPath() {
    OccupancyGrid walled = grid("..@..", "..@..", "..@..");
    AStar aStar = new AStar(walled);
    assertThat(aStar.find(new GridCell(0, 0), new GridCell(4, 0))).isEmpty();
    assertThat(aStar.find(new GridCell(0, 0), new GridCell(2, 0))).as("goal blocked").isEmpty();
    assertThat(aStar.find(new GridCell(2, 1), new GridCell(0, 0))).as("start blocked").isEmpty();
    assertThat(aStar.find(new GridCell(-1, 0), new GridCell(0, 0))).as("outside").isEmpty();
    assertThat(aStar.find(new GridCell(0, 0), new GridCell(5, 0))).as("outside").isEmpty();
    assertThat(aStar.find(new GridCell(1, 1), new GridCell(1, 1)))
        .hasValueSatisfying(p -> assertThat(p.lengthCells()).isZero());
  }

  @Test
  void aStarExpandsFewerCellsThanDijkstraForTheSameLength() {
    OccupancyGrid open = grid(".".repeat(40), ".".repeat(40), ".".repeat(40), ".".repeat(40));
    AStar aStar = new AStar(open);
    Dijkstra dijkstra = new Dijkstra(open);
    GridCell start = new GridCell(0, 1);
    GridCell goal = new GridCell(39, 2);
    double a = aStar.find(start, goal).orElseThrow().lengthCells();
    double d = dijkstra.find(start, goal).orElseThrow().lengthCells();
    assertThat(a).isCloseTo(d, within());
    assertThat(aStar.expandedCells()).isLessThan(dijkstra.expandedCells() / 2);
  }

  @Test
  void aFloodAnswersForEveryReachableCell() {
    OccupancyGrid walled = grid("..@..", "..@..", ".....");
    Dijkstra dijkstra = new Dijkstra(walled);
    assertThat(dijkstra.flood(new GridCell(0, 0))).isTrue();
    Optional<GridPath> across = dijkstra.pathTo(new GridCell(4, 0));
    assertThat(across).isPresent();
    assertThat(across.orElseThrow().lengthCells())
        .isCloseTo(
            new AStar(walled)
                .find(new GridCell(0, 0), new GridCell(4, 0))
                .orElseThrow()
                .lengthCells(),
            within());
    assertThat(dijkstra.pathTo(new GridCell(2, 0))).isEmpty();
    assertThat(dijkstra.flood(new GridCell(2, 0))).isFalse();
    assertThat(dijkstra.pathTo(new GridCell(0, 0)))
        .as("nothing settled after a failed flood")
        .isEmpty();
  }

  @Test
  void searchesReuseTheirArraysWithoutLeakingState() {
    OccupancyGrid walled = grid("..@..", "..@..", ".....");
    AStar aStar = new AStar(walled);
    double first = aStar.find(new GridCell(0, 0), new GridCell(4, 0)).orElseThrow().lengthCells();
    aStar.find(new GridCell(4, 2), new GridCell(3, 2));
    assertThat(aStar.find(new GridCell(0, 0), new GridCell(4, 0)).orElseThrow().lengthCells())
        .isEqualTo(first);
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
