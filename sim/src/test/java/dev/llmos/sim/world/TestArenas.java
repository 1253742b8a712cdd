package dev.llmos.sim.world;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.Cylinder;
import dev.llmos.sim.arena.FloorLine;
import dev.llmos.sim.arena.Rgb;
import dev.llmos.sim.arena.Wall;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.ArrayList;
import java.util.List;

/** Arenas built in code for the world's tests: a walled room with optional inner features. */
final class TestArenas {
  /** Boundary walls are centred on the room's edges, so their inner faces lie this far in. */
  static final double BOUNDARY_FACE_M = 0.01;

  private TestArenas() {}

  static Arena room(double widthM, double heightM) {
    return room(widthM, heightM, List.of(), List.of(), List.of());
  }

  static Arena room(
      double widthM,
      double heightM,
      List<Wall> innerWalls,
      List<Cylinder> cylinders,
      List<FloorLine> lines) {
    List<Wall> walls = new ArrayList<>();
    walls.add(wall(0, 0, widthM, 0, 2 * BOUNDARY_FACE_M));
    walls.add(wall(widthM, 0, widthM, heightM, 2 * BOUNDARY_FACE_M));
    walls.add(wall(widthM, heightM, 0, heightM, 2 * BOUNDARY_FACE_M));
    walls.add(wall(0, heightM, 0, 0, 2 * BOUNDARY_FACE_M));
    walls.addAll(innerWalls);
    return new Arena(
        "test-room",
        "a walled room for tests",
        widthM,
        heightM,
        0.05,
        walls,
        List.of(),
        cylinders,
        List.of(),
        lines,
        List.of(new Pose2d(widthM / 2, heightM / 2, Rotation2d.ZERO)));
  }

  static Wall wall(double x1, double y1, double x2, double y2, double thicknessM) {
    return new Wall(
        new Translation2d(x1, y1), new Translation2d(x2, y2), thicknessM, 0.3, Rgb.WALL_GREY);
  }

  static FloorLine tape(double x1, double y1, double x2, double y2, double widthM) {
    return new FloorLine(
        List.of(new Translation2d(x1, y1), new Translation2d(x2, y2)), widthM, new Rgb(20, 20, 20));
  }

  static SimWorld world(Arena arena, long seed) {
    return new SimWorld(ArenaGeometry.of(arena), seed);
  }

  /** The true free gap between a robot's collision disc and the arena's solids. */
  static double arenaGapM(SimWorld world, SimBody body) {
    return world.geometry().clearance(body.pose().xM(), body.pose().yM(), 10)
        - body.spec().collisionRadiusM();
  }

  /** The reference robot without sensor noise, for exact expectations. */
  static RobotSpec exact(int rangeSensorCount) {
    return RobotSpec.reference(rangeSensorCount).withNoise(SensorNoise.NONE);
  }
}
