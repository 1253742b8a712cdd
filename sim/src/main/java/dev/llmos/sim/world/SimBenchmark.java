package dev.llmos.sim.world;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.reflex.Reflex;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaObject;
import dev.llmos.sim.arena.Box;
import dev.llmos.sim.arena.Cylinder;
import dev.llmos.sim.arena.FloorLine;
import dev.llmos.sim.arena.Rgb;
import dev.llmos.sim.arena.Wall;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much faster than real time the physics runs headless: simulated seconds per wall-clock second
 * for 1 and for 20 reference robots with 8 distance sensors each, camera off, at the default 200 Hz
 * step. Every 10 ms control cycle each robot's telemetry is sampled and a simple wanderer picks its
 * wheel targets (turn away when something is near, otherwise cruise on seeded random targets), so
 * robots keep moving, sensing and bumping as in a real run.
 */
public final class SimBenchmark {

  public static final int RANGE_SENSORS = 8;

  private static final double NEAR_M = 0.15;

  /**
   * What one benchmark run measured.
   *
   * @param oneRobotRealTimeFactor simulated seconds per wall second, one robot (median of rounds)
   * @param twentyRobotsRealTimeFactor the same for twenty robots in one world
   * @param simulatedSecondsPerRound simulated time of each measured round
   * @param rounds measured rounds per case, after one warm-up round
   */
  public record Result(
      double oneRobotRealTimeFactor,
      double twentyRobotsRealTimeFactor,
      double simulatedSecondsPerRound,
      int rounds) {

    /** One readable line for a terminal. */
    public String summary() {
      return String.format(
          "physics real-time factor (8 range sensors, camera off, 200 Hz, median of %d x %.0f s):"
              + " 1 robot %.0fx, 20 robots %.0fx",
          rounds, simulatedSecondsPerRound, oneRobotRealTimeFactor, twentyRobotsRealTimeFactor);
    }
  }

  private SimBenchmark() {}

  /** The standard run: 5 rounds of 60 simulated seconds per case. */
  public static Result run() {
    return run(5, 60);
  }

  public static Result run(int rounds, double simulatedSecondsPerRound) {
    if (rounds < 1 || !(simulatedSecondsPerRound >= Reflex.CONTROL_PERIOD_S)) {
      throw new IllegalArgumentException(
          "a benchmark needs at least one round of at least one control period");
    }
    ArenaGeometry geometry = ArenaGeometry.of(arena());
    return new Result(
        medianFactor(geometry, 1, rounds, simulatedSecondsPerRound),
        medianFactor(geometry, 20, rounds, simulatedSecondsPerRound),
        simulatedSecondsPerRound,
        rounds);
  }

  private static double medianFactor(
      ArenaGeometry geometry, int robots, int rounds, double simulatedS) {
    double[] factors = new double[rounds];
    for (int round = -1; round < rounds; round++) {
      SimWorld world = new SimWorld(geometry, round + 1L);
      populate(world, robots);
      long start = System.nanoTime();
      drive(world, simulatedS, round + 1L);
      double wallS = (System.nanoTime() - start) / 1e9;
      if (round >= 0) {
        factors[round] = world.timeS() / wallS;
      }
    }
    Arrays.sort(factors);
    return rounds % 2 == 1
        ? factors[rounds / 2]
        : (factors[rounds / 2 - 1] + factors[rounds / 2]) / 2;
  }

  /** Places reference robots on a 0.4 m grid wherever the arena leaves room, first row first. */
  static void populate(SimWorld world, int robots) {
    RobotSpec spec = RobotSpec.reference(RANGE_SENSORS);
    double margin = spec.collisionRadiusM() + 0.05;
    ArenaGeometry geometry = world.geometry();
    Arena arena = geometry.arena();
    int placed = 0;
    for (double y = 0.3; y < arena.heightM() && placed < robots; y += 0.4) {
      for (double x = 0.3; x < arena.widthM() && placed < robots; x += 0.4) {
        if (geometry.clearance(x, y, margin) >= margin) {
          world.addRobot(
              "robot-" + placed, spec, new Pose2d(x, y, Rotation2d.ofDegrees(37.0 * placed)));
          placed++;
        }
      }
    }
    if (placed < robots) {
      throw new IllegalStateException("the arena has room for only " + placed + " robots");
    }
  }

  private static void drive(SimWorld world, double simulatedS, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SimBody> robots = world.robots();
    WheelSpeeds[] cruise = new WheelSpeeds[robots.size()];
    int stepsPerCycle = (int) Math.round(Reflex.CONTROL_PERIOD_S / world.stepS());
    int cycles = (int) Math.round(simulatedS / Reflex.CONTROL_PERIOD_S);
    for (int cycle = 0; cycle < cycles; cycle++) {
      for (int i = 0; i < robots.size(); i++) {
        SimBody robot = robots.get(i);
        Telemetry t = robot.telemetry(new RobotStatus(true, false, false, robot.collisions()));
        if (cycle % 100 == 0 || cruise[i] == null) {
          cruise[i] = new WheelSpeeds(random.nextDouble(0.1, 0.4), random.nextDouble(0.1, 0.4));
        }
        boolean near = t.bumper() || t.rangesM().get(0) < NEAR_M || t.rangesM().get(1) < NEAR_M;
        robot.setWheelTargets(near ? new WheelSpeeds(-0.2, 0.2) : cruise[i]);
      }
      for (int s = 0; s < stepsPerCycle; s++) {
        world.step();
      }
    }
  }

  /**
   * A 4 m by 3 m room furnished like the shipped arenas: boundary walls, two partitions, boxes,
   * posts, a ball, a dock pad and a loop of tape.
   */
  public static Arena arena() {
    Rgb wall = Rgb.WALL_GREY;
    List<Wall> walls =
        List.of(
            new Wall(p(0, 0), p(4, 0), 0.02, 0.3, wall),
            new Wall(p(4, 0), p(4, 3), 0.02, 0.3, wall),
            new Wall(p(4, 3), p(0, 3), 0.02, 0.3, wall),
            new Wall(p(0, 3), p(0, 0), 0.02, 0.3, wall),
            new Wall(p(1.3, 0), p(1.3, 1.2), 0.02, 0.3, wall),
            new Wall(p(2.7, 3), p(2.7, 1.8), 0.02, 0.3, wall));
    List<Box> boxes =
        List.of(
            new Box(p(2.0, 0.6), 0.3, 0.2, Rotation2d.ofDegrees(20), 0.15, Rgb.BOX_BROWN),
            new Box(p(3.4, 2.3), 0.25, 0.25, Rotation2d.ZERO, 0.15, Rgb.BOX_BROWN),
            new Box(p(0.7, 2.2), 0.4, 0.15, Rotation2d.ofDegrees(-35), 0.15, Rgb.BOX_BROWN));
    List<Cylinder> posts =
        List.of(
            new Cylinder(p(2.2, 2.0), 0.05, 0.3, new Rgb(90, 90, 200)),
            new Cylinder(p(3.3, 0.9), 0.08, 0.3, new Rgb(90, 90, 200)));
    List<ArenaObject> objects =
        List.of(
            new ArenaObject(
                "red-ball", ArenaObject.Shape.BALL, p(1.8, 1.5), 0.03, new Rgb(220, 30, 30)),
            new ArenaObject(
                "dock", ArenaObject.Shape.PAD, p(3.6, 0.4), 0.15, new Rgb(30, 160, 60)));
    List<FloorLine> lines =
        List.of(
            new FloorLine(
                List.of(p(0.4, 0.4), p(1.0, 0.4), p(1.0, 1.6), p(0.4, 1.6), p(0.4, 0.4)),
                0.02,
                new Rgb(20, 20, 20)));
    return new Arena(
        "bench-room",
        "a furnished room for the physics benchmark",
        4,
        3,
        0.05,
        walls,
        boxes,
        posts,
        objects,
        lines,
        List.of(new Pose2d(0.3, 0.3, Rotation2d.ZERO)));
  }

  private static Translation2d p(double xM, double yM) {
    return new Translation2d(xM, yM);
  }
}
