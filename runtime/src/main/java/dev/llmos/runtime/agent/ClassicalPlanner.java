package dev.llmos.runtime.agent;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.runtime.nav.FrontierSelector;
import dev.llmos.runtime.nav.GridFrame;
import dev.llmos.runtime.nav.PathPlanner;
import dev.llmos.runtime.world.DetectedObject;
import dev.llmos.runtime.world.Frontier;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.util.List;
import java.util.Optional;

/**
 * The offline planner: A* on the world model's inflated grid to the nearest reachable frontier, to
 * home, or to the target object's last known position. Unknown cells count as free, so plans reach
 * into the unexplored; the instinct and the reflex guard what the map did not know.
 */
final class ClassicalPlanner {
  /** Frontier clusters smaller than this are noise. */
  private static final int MIN_FRONTIER_CELLS = 3;

  /** A frontier nearer than this along the path is already being looked at. */
  private static final double MIN_FRONTIER_PATH_M = 0.25;

  private final double inflationRadiusM;

  ClassicalPlanner(double inflationRadiusM) {
    this.inflationRadiusM = inflationRadiusM;
  }

  /**
   * Waypoints for a plan action, or empty when there is nothing to plan to (no frontier left, no
   * sighting of the target) or no way there.
   */
  Optional<List<Translation2d>> plan(
      ActionKind kind,
      WorldModel world,
      Translation2d robot,
      Translation2d home,
      Optional<String> target) {
    OccupancyGrid grid = world.toOccupancyGrid(inflationRadiusM, false);
    GridGeometry g = world.geometry();
    GridFrame frame =
        new GridFrame(
            new Translation2d(g.originXM(), g.originYM()),
            g.resolutionM(),
            g.widthCells(),
            g.heightCells());
    return switch (kind) {
      case PLAN_TO_FRONTIER -> {
        List<Translation2d> candidates =
            world.frontiers(robot, MIN_FRONTIER_CELLS).stream().map(Frontier::centroid).toList();
        yield FrontierSelector.nearest(grid, frame, robot, candidates, MIN_FRONTIER_PATH_M)
            .map(FrontierSelector.Choice::waypoints);
      }
      case PLAN_HOME -> PathPlanner.plan(grid, frame, robot, home);
      case PLAN_TO_TARGET ->
          target
              .flatMap(label -> world.objects(label).stream().findFirst())
              .map(DetectedObject::position)
              .flatMap(goal -> PathPlanner.plan(grid, frame, robot, goal));
      default -> Optional.empty();
    };
  }
}
