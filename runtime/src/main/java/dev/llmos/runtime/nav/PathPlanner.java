package dev.llmos.runtime.nav;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans in metres: finds the shortest grid path with {@link AStar} and shortens it to the few
 * waypoints where it must turn. The grid should already be inflated by the robot's radius ({@link
 * Inflation}), so every free cell is a safe place for the robot's centre.
 */
public final class PathPlanner {
  private PathPlanner() {}

  /**
   * Waypoints from one point to another.
   *
   * @return {@code from}, the turning points (cell centres), then {@code to}; empty when either
   *     point lies in a blocked cell or outside the grid, or no path joins them
   */
  public static Optional<List<Translation2d>> plan(
      OccupancyGrid grid, GridFrame frame, Translation2d from, Translation2d to) {
    requireMatching(grid, frame);
    return new AStar(grid)
        .find(frame.cellAt(from), frame.cellAt(to))
        .map(path -> waypoints(grid, frame, path, from, to));
  }

  /**
   * Waypoints to a viewpoint of a goal that may itself be blocked (an object, or something beside a
   * wall): to the reachable cell nearest to the goal but no nearer than {@code standoffM}, taking
   * the shortest path among cells within half a cell width of that distance.
   *
   * @return {@code from}, the turning points, then the chosen cell's centre; empty when {@code
   *     from} is blocked or no reachable cell lies between {@code standoffM} and {@code maxOffsetM}
   *     of the goal
   */
  public static Optional<List<Translation2d>> planNear(
      OccupancyGrid grid,
      GridFrame frame,
      Translation2d from,
      Translation2d goal,
      double standoffM,
      double maxOffsetM) {
    requireMatching(grid, frame);
    Dijkstra dijkstra = new Dijkstra(grid);
    if (!dijkstra.flood(frame.cellAt(from))) {
      return Optional.empty();
    }
    GridCell centre = frame.cellAt(goal);
    int reach = (int) Math.ceil(maxOffsetM / frame.resolutionM()) + 1;
    List<GridPath> candidates = new ArrayList<>();
    double nearestM = Double.POSITIVE_INFINITY;
    for (int row = centre.row() - reach; row <= centre.row() + reach; row++) {
      for (int col = centre.col() - reach; col <= centre.col() + reach; col++) {
        GridCell cell = new GridCell(col, row);
        if (!frame.contains(cell)) {
          continue;
        }
        double offset = frame.centreOf(cell).distanceTo(goal);
        if (offset < standoffM || offset > maxOffsetM) {
          continue;
        }
        Optional<GridPath> path = dijkstra.pathTo(cell);
        if (path.isPresent()) {
          candidates.add(path.get());
          nearestM = Math.min(nearestM, offset);
        }
      }
    }
    GridPath best = null;
    for (GridPath path : candidates) {
      double offset = frame.centreOf(path.goal()).distanceTo(goal);
      if (offset <= nearestM + frame.resolutionM() / 2
          && (best == null || path.lengthCells() < best.lengthCells())) {
        best = path;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(waypoints(grid, frame, best, from, frame.centreOf(best.goal())));
  }

  /** A grid path as world waypoints: its own ends replaced by the exact points, corners cut. */
  static List<Translation2d> waypoints(
      OccupancyGrid grid, GridFrame frame, GridPath path, Translation2d from, Translation2d to) {
    List<GridCell> corners = shortcut(grid, path.cells());
    List<Translation2d> points = new ArrayList<>(corners.size() + 1);
    points.add(from);
    for (int i = 1; i < corners.size() - 1; i++) {
      points.add(frame.centreOf(corners.get(i)));
    }
    points.add(to);
    return List.copyOf(points);
  }

  static void requireMatching(OccupancyGrid grid, GridFrame frame) {
    if (grid.width() != frame.widthCells() || grid.height() != frame.heightCells()) {
      throw new IllegalArgumentException(
          "the frame is for a "
              + frame.widthCells()
              + "x"
              + frame.heightCells()
              + " grid, the grid is "
              + grid.width()
              + "x"
              + grid.height());
    }
  }

  /**
   * Keeps only the cells a straight line cannot skip: from each kept cell, the path runs on to the
   * farthest cell still in sight before the next is kept. Start and goal are always kept.
   */
  static List<GridCell> shortcut(OccupancyGrid grid, List<GridCell> cells) {
    List<GridCell> kept = new ArrayList<>();
    int anchor = 0;
    kept.add(cells.get(0));
    for (int i = 2; i < cells.size(); i++) {
      if (!inSight(grid, cells.get(anchor), cells.get(i))) {
        anchor = i - 1;
        kept.add(cells.get(anchor));
      }
    }
    if (cells.size() > 1) {
      kept.add(cells.get(cells.size() - 1));
    }
    return List.copyOf(kept);
  }

  /**
   * Whether the segment between two cell centres crosses only free cells. Where it passes exactly
   * through a cell corner, both cells beside the corner must be free, as for a diagonal grid step.
   */
  static boolean inSight(OccupancyGrid grid, GridCell a, GridCell b) {
    int col = a.col();
    int row = a.row();
    int dx = Math.abs(b.col() - col);
    int dy = Math.abs(b.row() - row);
    int stepCol = Integer.signum(b.col() - col);
    int stepRow = Integer.signum(b.row() - row);
    // Integer form of walking the segment cell by cell: error > 0 means the next boundary crossed
    // is vertical (step a column), < 0 horizontal (step a row), 0 both at once (a corner).
    long error = (long) dx - dy;
    int remaining = dx + dy;
    if (grid.isBlocked(col, row)) {
      return false;
    }
    while (remaining > 0) {
      if (error > 0) {
        col += stepCol;
        error -= 2L * dy;
        remaining--;
      } else if (error < 0) {
        row += stepRow;
        error += 2L * dx;
        remaining--;
      } else {
        if (grid.isBlocked(col + stepCol, row) || grid.isBlocked(col, row + stepRow)) {
          return false;
        }
        col += stepCol;
        row += stepRow;
        error += 2L * dx - 2L * dy;
        remaining -= 2;
      }
      if (grid.isBlocked(col, row)) {
        return false;
      }
    }
    return true;
  }
}
