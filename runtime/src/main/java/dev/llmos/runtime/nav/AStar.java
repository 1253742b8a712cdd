package dev.llmos.runtime.nav;

import dev.llmos.core.grid.OccupancyGrid;
import java.util.Optional;

/**
 * A* on an occupancy grid: 8-connected, octile costs (1 straight, √2 diagonal), no corner cutting
 * (a diagonal step needs both orthogonal neighbours free), octile-distance heuristic. Paths are
 * optimal. Build one per grid and reuse it: it keeps its working arrays between searches. Not
 * thread-safe.
 */
public final class AStar {
  private final GridSearch search;

  public AStar(OccupancyGrid grid) {
    search = new GridSearch(grid, true);
  }

  /**
   * The shortest path between two cells.
   *
   * @return the path, or empty when the start or goal is blocked or outside the grid, or the goal
   *     cannot be reached
   */
  public Optional<GridPath> find(GridCell start, GridCell goal) {
    return search.find(start, goal);
  }

  /** Cells the last {@link #find} expanded; a measure of search effort. */
  public int expandedCells() {
    return search.expandedCells();
  }
}
