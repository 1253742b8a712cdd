package dev.llmos.runtime.planner;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.runtime.nav.FrontierSelector;
import dev.llmos.runtime.nav.GridCell;
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
 * home, to the route's next point, or to the target object's last known position. Unknown cells
 * count as free, so plans reach into the unexplored; the instinct and the reflex guard what the map
 * did not know.
 *
 * <p>A plan to the target ends a little short of it, where the camera can take over: the target is
 * itself an obstacle, or lies by one, so its own cell is rarely free. A target not seen yet is
 * searched for: the plan goes to the nearest frontier, as exploring would.
 */
public final class ClassicalPlanner implements Planner {
  /** Frontier clusters smaller than this are noise. */
  private static final int MIN_FRONTIER_CELLS = 3;

  /** A frontier nearer than this along the path is already being looked at. */
  private static final double MIN_FRONTIER_PATH_M = 0.25;

  /**
   * A plan to the target ends at least this far from it, metres: about where a seeker stops in
   * front of it, near enough to see it and far enough that the body does not touch it even where
   * the camera has lost it.
   */
  private static final double TARGET_STANDOFF_M = 0.25;

  /** A plan to the target ends within this distance of it or is not made, metres. */
  private static final double MAX_TARGET_OFFSET_M = 1.0;

  /** How far, in cells, the planner looks for a free cell to start from. */
  private static final int MAX_ESCAPE_CELLS = 10;

  private final double inflationRadiusM;

  /**
   * @param inflationRadiusM obstacles grow by this much for planning (the robot's radius)
   */
  public ClassicalPlanner(double inflationRadiusM) {
    this.inflationRadiusM = inflationRadiusM;
  }

  @Override
  public Optional<List<Translation2d>> plan(PlanRequest request) {
    WorldModel world = request.world();
    Translation2d robot = request.robot();
    GridGeometry g = world.geometry();
    OccupancyGrid grid = world.toOccupancyGrid(inflationRadiusM, false);
    GridFrame frame =
        new GridFrame(
            new Translation2d(g.originXM(), g.originYM()),
            g.resolutionM(),
            g.widthCells(),
            g.heightCells());
    // A robot nearer an obstacle than the inflation stands in a blocked cell: plan from the
    // nearest free cell, so the plan first leads it out the shortest way.
    Optional<Translation2d> start = nearestFree(grid, frame, robot);
    if (start.isEmpty()) {
      return Optional.empty();
    }
    Translation2d from = start.get();
    Optional<Translation2d> target =
        request
            .target()
            .flatMap(label -> world.objects(label).stream().findFirst())
            .map(DetectedObject::position);
    Optional<List<Translation2d>> path =
        switch (request.goal()) {
          case PLAN_TO_FRONTIER -> toFrontier(world, grid, frame, robot, from);
          case PLAN_HOME -> PathPlanner.plan(grid, frame, from, request.home());
          case PLAN_TO_WAYPOINT ->
              PathPlanner.plan(grid, frame, from, request.waypoint().orElseThrow());
          case PLAN_TO_TARGET ->
              target.isPresent()
                  ? PathPlanner.planNear(
                      grid, frame, from, target.get(), TARGET_STANDOFF_M, MAX_TARGET_OFFSET_M)
                  : toFrontier(world, grid, frame, robot, from);
          default -> Optional.empty();
        };
    if (from.equals(robot)) {
      return path;
    }
    return path.map(
        p -> {
          List<Translation2d> out = new java.util.ArrayList<>(p.size() + 1);
          out.add(robot);
          out.addAll(p);
          return out;
        });
  }

  private static Optional<List<Translation2d>> toFrontier(
      WorldModel world,
      OccupancyGrid grid,
      GridFrame frame,
      Translation2d robot,
      Translation2d from) {
    List<Translation2d> candidates =
        world.frontiers(robot, MIN_FRONTIER_CELLS).stream().map(Frontier::centroid).toList();
    return FrontierSelector.nearest(grid, frame, from, candidates, MIN_FRONTIER_PATH_M)
        .map(FrontierSelector.Choice::waypoints);
  }

  /** The robot's own position if its cell is free, else the nearest free cell's centre. */
  private static Optional<Translation2d> nearestFree(
      OccupancyGrid grid, GridFrame frame, Translation2d robot) {
    GridCell here = frame.cellAt(robot);
    if (grid.isFree(here.col(), here.row())) {
      return Optional.of(robot);
    }
    for (int ring = 1; ring <= MAX_ESCAPE_CELLS; ring++) {
      GridCell best = null;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int r = here.row() - ring; r <= here.row() + ring; r++) {
        for (int c = here.col() - ring; c <= here.col() + ring; c++) {
          boolean onRing = Math.max(Math.abs(r - here.row()), Math.abs(c - here.col())) == ring;
          if (onRing && grid.isFree(c, r)) {
            GridCell cell = new GridCell(c, r);
            double d = frame.centreOf(cell).distanceTo(robot);
            if (d < bestDistance) {
              best = cell;
              bestDistance = d;
            }
          }
        }
      }
      if (best != null) {
        return Optional.of(frame.centreOf(best));
      }
    }
    return Optional.empty();
  }
}
