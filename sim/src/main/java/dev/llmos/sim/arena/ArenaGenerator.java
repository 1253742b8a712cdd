package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.sim.arena.ArenaObject.Shape;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random walled rooms for evaluation, from a seed: boxes and cylinders, a red ball, a green dock
 * and start poses. The same seed and options give the identical arena.
 *
 * <p>What every generated arena guarantees, checked on a grid of {@value #GRID_M} m cells:
 *
 * <ul>
 *   <li>every start has more than {@value #ROBOT_CLEARANCE_M} m clearance from every solid, the
 *       ball included, so the 8 cm robot (radius 0.06 m) starts free;
 *   <li>all starts lie in one region the robot's centre can travel through, cell to cell, keeping
 *       that clearance (the ball counted as an obstacle);
 *   <li>from that region the robot can get within {@value #REACH_M} m of the ball's centre, i.e.
 *       touch it, and onto the dock's centre;
 *   <li>the ball lies at least {@value #MIN_GOAL_DISTANCE_M} m from the first start.
 * </ul>
 *
 * <p>Layouts that miss any of these are drawn again from the same random stream, so the result
 * depends on the seed alone.
 */
public final class ArenaGenerator {
  static final double GRID_M = 0.05;
  static final double ROBOT_CLEARANCE_M = 0.07;
  static final double REACH_M = 0.15;
  static final double MIN_GOAL_DISTANCE_M = 0.5;
  private static final double BALL_RADIUS_M = 0.035;
  private static final double DOCK_RADIUS_M = 0.12;
  private static final int MAX_LAYOUTS = 200;
  private static final Rgb RED = new Rgb(220, 30, 30);
  private static final Rgb GREEN = new Rgb(30, 170, 60);
  // Obstacles avoid red and green so the ball and the dock are the only things of their colour.
  private static final List<Rgb> OBSTACLE_COLOURS =
      List.of(
          Rgb.BOX_BROWN,
          Rgb.WALL_GREY,
          new Rgb(30, 80, 220),
          new Rgb(240, 210, 30),
          new Rgb(140, 50, 170),
          new Rgb(96, 112, 128));

  private ArenaGenerator() {}

  /**
   * What to generate.
   *
   * @param widthM floor extent along x, 1 to 20 m
   * @param heightM floor extent along y, 1 to 20 m
   * @param boxes how many boxes, 0 to 100
   * @param cylinders how many cylinders, 0 to 100
   * @param starts how many start poses, 1 to 8
   */
  public record Options(double widthM, double heightM, int boxes, int cylinders, int starts) {
    /** A 3 m square room with six boxes, four cylinders and two starts. */
    public static final Options DEFAULT = new Options(3, 3, 6, 4, 2);

    public Options {
      if (!(widthM >= 1 && widthM <= 20) || !(heightM >= 1 && heightM <= 20)) {
        throw new IllegalArgumentException(
            "generated arenas are 1 to 20 m a side, got " + widthM + " x " + heightM);
      }
      if (boxes < 0 || boxes > 100 || cylinders < 0 || cylinders > 100) {
        throw new IllegalArgumentException("boxes and cylinders must be 0 to 100 each");
      }
      if (starts < 1 || starts > 8) {
        throw new IllegalArgumentException("starts must be 1 to 8, got " + starts);
      }
    }
  }

  /** A random arena with {@link Options#DEFAULT}. */
  public static Arena generate(long seed) {
    return generate(seed, Options.DEFAULT);
  }

  /**
   * A random arena named {@code random-<seed>}.
   *
   * @throws IllegalStateException if no layout meeting the guarantees turns up (a room too crowded
   *     for its size)
   */
  public static Arena generate(long seed, Options options) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int attempt = 0; attempt < MAX_LAYOUTS; attempt++) {
      Arena arena = tryLayout(seed, options, random);
      if (arena != null) {
        return arena;
      }
    }
    throw new IllegalStateException(
        "no layout with free, connected starts in "
            + MAX_LAYOUTS
            + " tries for seed "
            + seed
            + " and "
            + options
            + "; use fewer obstacles or a larger floor");
  }

  /** One layout, or null when it misses a guarantee. */
  private static Arena tryLayout(long seed, Options o, SplittableRandom random) {
    double w = o.widthM();
    double h = o.heightM();
    List<Wall> walls = ArenaLoader.boundaryWalls(w, h);
    List<Box> boxes = new ArrayList<>();
    for (int i = 0; i < o.boxes(); i++) {
      boxes.add(
          new Box(
              new Translation2d(uniform(random, 0.2, w - 0.2), uniform(random, 0.2, h - 0.2)),
              uniform(random, 0.1, 0.5),
              uniform(random, 0.1, 0.5),
              Rotation2d.ofDegrees(random.nextInt(180)),
              uniform(random, 0.1, 0.4),
              OBSTACLE_COLOURS.get(random.nextInt(OBSTACLE_COLOURS.size()))));
    }
    List<Cylinder> cylinders = new ArrayList<>();
    for (int i = 0; i < o.cylinders(); i++) {
      cylinders.add(
          new Cylinder(
              new Translation2d(uniform(random, 0.2, w - 0.2), uniform(random, 0.2, h - 0.2)),
              uniform(random, 0.04, 0.15),
              uniform(random, 0.15, 0.5),
              OBSTACLE_COLOURS.get(random.nextInt(OBSTACLE_COLOURS.size()))));
    }
    Pose2d anyStart = new Pose2d(w / 2, h / 2, Rotation2d.ZERO);
    Arena bare = arena(seed, o, walls, boxes, cylinders, List.of(), List.of(anyStart));
    Grid free = new Grid(ArenaGeometry.of(bare), w, h);
    List<Integer> open = free.openCells();
    if (open.isEmpty()) {
      return null;
    }
    int first = open.get(random.nextInt(open.size()));

    // The ball: somewhere reachable and far enough; then reachability again with it in place.
    boolean[] reach = free.reachableFrom(first);
    List<Integer> ballCells = new ArrayList<>();
    for (int c : open) {
      if (reach[c] && free.distance(c, first) >= MIN_GOAL_DISTANCE_M) {
        ballCells.add(c);
      }
    }
    if (ballCells.isEmpty()) {
      return null;
    }
    int ballCell = ballCells.get(random.nextInt(ballCells.size()));
    ArenaObject ball =
        new ArenaObject("red-ball", Shape.BALL, free.centre(ballCell), BALL_RADIUS_M, RED);
    Arena withBall = arena(seed, o, walls, boxes, cylinders, List.of(ball), List.of(anyStart));
    Grid withBallFree = new Grid(ArenaGeometry.of(withBall), w, h);
    if (!withBallFree.isOpen(first)) {
      return null;
    }
    boolean[] region = withBallFree.reachableFrom(first);
    if (!withBallFree.anyWithin(region, ball.position(), REACH_M)) {
      return null;
    }

    List<Integer> regionCells = new ArrayList<>();
    for (int c = 0; c < region.length; c++) {
      if (region[c]) {
        regionCells.add(c);
      }
    }
    List<Integer> dockCells = new ArrayList<>();
    for (int c : regionCells) {
      Translation2d p = withBallFree.centre(c);
      if (p.distanceTo(ball.position()) >= MIN_GOAL_DISTANCE_M
          && withBallFree.distance(c, first) >= MIN_GOAL_DISTANCE_M) {
        dockCells.add(c);
      }
    }
    if (dockCells.isEmpty()) {
      return null;
    }
    ArenaObject dock =
        new ArenaObject(
            "dock",
            Shape.PAD,
            withBallFree.centre(dockCells.get(random.nextInt(dockCells.size()))),
            DOCK_RADIUS_M,
            GREEN);

    List<Pose2d> starts = new ArrayList<>();
    starts.add(pose(withBallFree.centre(first), random));
    for (int tries = 0; starts.size() < o.starts() && tries < 1000; tries++) {
      Translation2d p = withBallFree.centre(regionCells.get(random.nextInt(regionCells.size())));
      if (farFromAll(p, starts, 0.3) && p.distanceTo(dock.position()) >= DOCK_RADIUS_M + 0.1) {
        starts.add(pose(p, random));
      }
    }
    if (starts.size() < o.starts()) {
      return null;
    }
    return arena(seed, o, walls, boxes, cylinders, List.of(ball, dock), starts);
  }

  private static boolean farFromAll(Translation2d p, List<Pose2d> starts, double minM) {
    for (Pose2d s : starts) {
      if (s.translation().distanceTo(p) < minM) {
        return false;
      }
    }
    return true;
  }

  private static Pose2d pose(Translation2d p, SplittableRandom random) {
    return new Pose2d(p, Rotation2d.ofDegrees(random.nextInt(360) - 180));
  }

  private static double uniform(SplittableRandom random, double lo, double hi) {
    return lo + random.nextDouble() * (hi - lo);
  }

  private static Arena arena(
      long seed,
      Options o,
      List<Wall> walls,
      List<Box> boxes,
      List<Cylinder> cylinders,
      List<ArenaObject> objects,
      List<Pose2d> starts) {
    return new Arena(
        "random-" + seed,
        "Random "
            + o.widthM()
            + " m x "
            + o.heightM()
            + " m room (seed "
            + seed
            + ") with "
            + o.boxes()
            + " boxes, "
            + o.cylinders()
            + " cylinders, a red ball and a dock",
        o.widthM(),
        o.heightM(),
        GRID_M,
        walls,
        boxes,
        cylinders,
        objects,
        List.of(),
        starts);
  }

  /** Cells of the floor where the robot's centre may be, and 4-connected travel between them. */
  private static final class Grid {
    private final int cols;
    private final int rows;
    private final boolean[] open;

    Grid(ArenaGeometry geometry, double widthM, double heightM) {
      cols = (int) Math.floor(widthM / GRID_M);
      rows = (int) Math.floor(heightM / GRID_M);
      open = new boolean[cols * rows];
      for (int c = 0; c < open.length; c++) {
        Translation2d p = centre(c);
        open[c] = geometry.clearance(p.xM(), p.yM(), 1) > ROBOT_CLEARANCE_M;
      }
    }

    Translation2d centre(int cell) {
      int col = cell % cols;
      int row = cell / cols;
      return new Translation2d((col + 0.5) * GRID_M, (row + 0.5) * GRID_M);
    }

    double distance(int a, int b) {
      return centre(a).distanceTo(centre(b));
    }

    boolean isOpen(int cell) {
      return open[cell];
    }

    List<Integer> openCells() {
      List<Integer> cells = new ArrayList<>();
      for (int c = 0; c < open.length; c++) {
        if (open[c]) {
          cells.add(c);
        }
      }
      return cells;
    }

    boolean[] reachableFrom(int start) {
      boolean[] seen = new boolean[open.length];
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      seen[start] = true;
      queue.add(start);
      while (!queue.isEmpty()) {
        int c = queue.poll();
        int col = c % cols;
        int row = c / cols;
        visit(col + 1, row, seen, queue);
        visit(col - 1, row, seen, queue);
        visit(col, row + 1, seen, queue);
        visit(col, row - 1, seen, queue);
      }
      return seen;
    }

    private void visit(int col, int row, boolean[] seen, ArrayDeque<Integer> queue) {
      if (col < 0 || row < 0 || col >= cols || row >= rows) {
        return;
      }
      int c = row * cols + col;
      if (open[c] && !seen[c]) {
        seen[c] = true;
        queue.add(c);
      }
    }

    boolean anyWithin(boolean[] region, Translation2d p, double radiusM) {
      for (int c = 0; c < region.length; c++) {
        if (region[c] && centre(c).distanceTo(p) <= radiusM) {
          return true;
        }
      }
      return false;
    }
  }
}
