package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Pose2d;
import java.util.List;

/**
 * A world for simulated robots: a rectangle of floor from (0, 0) to (width, height) in metres,
 * world frame as REP-103 (x right on a map, y up, heading counter-clockwise from +x). Everything
 * solid is listed explicitly, including the boundary walls.
 *
 * @param name the arena's name (its file name without extension)
 * @param description one readable line
 * @param widthM extent along x, metres
 * @param heightM extent along y, metres
 * @param cellSizeM the cell size of its occupancy grid (for planners and MovingAI maps), metres
 * @param walls straight walls
 * @param boxes solid boxes
 * @param cylinders solid cylinders
 * @param objects labelled objects
 * @param lines tape on the floor
 * @param starts start poses for robots, in order
 */
public record Arena(
    String name,
    String description,
    double widthM,
    double heightM,
    double cellSizeM,
    List<Wall> walls,
    List<Box> boxes,
    List<Cylinder> cylinders,
    List<ArenaObject> objects,
    List<FloorLine> lines,
    List<Pose2d> starts) {

  public Arena {
    walls = List.copyOf(walls);
    boxes = List.copyOf(boxes);
    cylinders = List.copyOf(cylinders);
    objects = List.copyOf(objects);
    lines = List.copyOf(lines);
    starts = List.copyOf(starts);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an arena needs a name");
    }
    if (!(widthM > 0) || !(heightM > 0) || !(cellSizeM > 0)) {
      throw new IllegalArgumentException("an arena's width, height and cell size must be positive");
    }
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("arena " + name + " needs at least one start pose");
    }
  }
}
