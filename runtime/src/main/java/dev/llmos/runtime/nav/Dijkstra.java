package dev.llmos.runtime.nav;

import dev.llmos.core.grid.OccupancyGrid;
import java.util.Optional;

/**
 * Dijkstra's search with the same moves and costs as {@link AStar} but no heuristic: the baseline
 * that shows what the heuristic saves, and a flood fill that gives the shortest path from one cell
 * to every other (used to pick the nearest of many targets in one search). Not thread-safe.
 */
public final class Dijkstra {
  private final GridSearch search;

  public Dijkstra(OccupancyGrid grid) {
    search = new GridSearch(grid, false);
  }

  /** The shortest path between two cells, or empty as for {@link AStar#find}. */
  public Optional<GridPath> find(GridCell start, GridCell goal) {
    return search.find(start, goal);
  }

  /**
   * Settles every cell reachable from start; afterwards {@link #pathTo} answers for any cell.
   *
   * @return false when the start is blocked or outside the grid (nothing is then reachable)
   */
  public boolean flood(GridCell start) {
    return search.flood(start);
  }

  /** After {@link #flood}, the shortest path from its start to a cell, or empty if unreachable. */
  public Optional<GridPath> pathTo(GridCell cell) {
    return search.pathTo(cell);
  }

  /** Cells the last search expanded. */
  public int expandedCells() {
    return search.expandedCells();
  }
}
