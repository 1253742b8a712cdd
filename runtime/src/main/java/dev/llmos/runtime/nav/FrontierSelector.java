package dev.llmos.runtime.nav;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import java.util.List;
import java.util.Optional;

/**
 * Picks where to explore next: of the candidate frontier points (the world model finds them, at the
 * edge of what is known), the one the robot reaches by the shortest path. One Dijkstra flood from
 * the robot answers for all candidates at once. Candidates nearer than a minimum path length count
 * as already reached, so a robot standing on a frontier moves on.
 */
public final class FrontierSelector {
  private FrontierSelector() {}

  /**
   * A chosen frontier.
   *
   * @param target the candidate point chosen
   * @param waypoints the route to it, robot position first, as {@link PathPlanner#plan} gives
   * @param pathLengthM the grid path's length, metres
   */
  public record Choice(Translation2d target, List<Translation2d> waypoints, double pathLengthM) {
    public Choice {
      waypoints = List.copyOf(waypoints);
    }
  }

  /**
   * The nearest reachable candidate by path length.
   *
   * @param grid the (inflated) grid to drive on; unknown cells count as the caller marked them
   * @param frame where the grid lies in the world
   * @param robot the robot's position
   * @param candidates frontier points
   * @param minPathLengthM candidates closer than this along the path are skipped
   * @return the choice, or empty when no candidate is reachable beyond the minimum
   */
  public static Optional<Choice> nearest(
      OccupancyGrid grid,
      GridFrame frame,
      Translation2d robot,
      List<Translation2d> candidates,
      double minPathLengthM) {
    PathPlanner.requireMatching(grid, frame);
    Dijkstra dijkstra = new Dijkstra(grid);
    if (!dijkstra.flood(frame.cellAt(robot))) {
      return Optional.empty();
    }
    Choice best = null;
    for (Translation2d candidate : candidates) {
      Optional<GridPath> path = dijkstra.pathTo(frame.cellAt(candidate));
      if (path.isEmpty()) {
        continue;
      }
      double lengthM = path.get().lengthCells() * frame.resolutionM();
      if (lengthM >= minPathLengthM && (best == null || lengthM < best.pathLengthM())) {
        best =
            new Choice(
                candidate,
                PathPlanner.waypoints(grid, frame, path.get(), robot, candidate),
                lengthM);
      }
    }
    return Optional.ofNullable(best);
  }
}
