package dev.llmos.runtime.nav;

import java.util.List;

/**
 * A path through a grid, start cell first and goal cell last; consecutive cells are 8-neighbours.
 *
 * @param cells the cells in order, at least one
 * @param lengthCells octile length in cell widths: 1 per straight step, √2 per diagonal step
 */
public record GridPath(List<GridCell> cells, double lengthCells) {
  public GridPath {
    cells = List.copyOf(cells);
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("a path has at least one cell");
    }
    if (!(lengthCells >= 0) || Double.isInfinite(lengthCells)) {
      throw new IllegalArgumentException(
          "a path length must be finite and non-negative, got " + lengthCells);
    }
  }

  public GridCell start() {
    return cells.get(0);
  }

  public GridCell goal() {
    return cells.get(cells.size() - 1);
  }
}
