package dev.llmos.sim.world;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic world of simulated robots in one arena, advanced in fixed steps on simulated
 * time. The same arena, seed, robots and wheel targets give bit-identical runs. Not thread-safe:
 * one thread steps it and reads its robots.
 *
 * <p>Robots move one after another within a step, in the order they were added, each against the
 * others' latest positions, so two robots can never pass into each other.
 */
public final class SimWorld {
  /** 200 Hz. */
  public static final double DEFAULT_STEP_S = 0.005;

  /** The longest step allowed: 100 Hz keeps motor ramps and sensor timing smooth. */
  public static final double MAX_STEP_S = 0.01;

  private final ArenaGeometry geometry;
  private final double stepS;
  private final long seed;
  private final List<SimBody> bodies = new ArrayList<>();
  // The robots' positions and radii by index, kept in step with their poses, so the pairwise
  // loops of every step run over plain arrays.
  private double[] bodyX = new double[4];
  private double[] bodyY = new double[4];
  private double[] bodyR = new double[4];
  private long steps;

  // The index of the robot nearest to the last point gapM looked at, or -1 when the arena was
  // nearer; read right after the call, so one field serves without allocating a result per query.
  private int nearestIndex = -1;

  public SimWorld(ArenaGeometry geometry, long seed) {
    this(geometry, DEFAULT_STEP_S, seed);
  }

  /**
   * A world stepping at {@code stepS}.
   *
   * @param geometry the arena's solids and floor marks
   * @param stepS the fixed step, seconds, at most {@link #MAX_STEP_S}
   * @param seed the seed every robot's noise derives from
   */
  public SimWorld(ArenaGeometry geometry, double stepS, long seed) {
    if (geometry == null) {
      throw new IllegalArgumentException("a world needs an arena geometry");
    }
    if (!(stepS > 0) || stepS > MAX_STEP_S) {
      throw new IllegalArgumentException(
          "the step must be in (0, " + MAX_STEP_S + "] s (at least 100 Hz), got " + stepS);
    }
    this.geometry = geometry;
    this.stepS = stepS;
    this.seed = seed;
  }

  public static SimWorld of(Arena arena, long seed) {
    return new SimWorld(ArenaGeometry.of(arena), seed);
  }

  /**
   * Places a robot. Its noise comes from streams seeded by the world's seed and its id alone, so
   * adding another robot does not change its readings.
   *
   * @throws IllegalArgumentException if the id is taken, or the start lies outside the arena or
   *     overlaps a solid or another robot
   */
  public SimBody addRobot(String id, RobotSpec spec, Pose2d start) {
    if (id == null || id.isBlank() || spec == null || start == null) {
      throw new IllegalArgumentException("a robot needs an id, a spec and a start pose");
    }
    if (robot(id).isPresent()) {
      throw new IllegalArgumentException("a robot named '" + id + "' is already in the world");
    }
    Arena arena = geometry.arena();
    if (start.xM() < 0
        || start.yM() < 0
        || start.xM() > arena.widthM()
        || start.yM() > arena.heightM()) {
      throw new IllegalArgumentException(
          "robot '"
              + id
              + "' starts at ("
              + start.xM()
              + ", "
              + start.yM()
              + "), outside arena '"
              + arena.name()
              + "' of "
              + arena.widthM()
              + " x "
              + arena.heightM()
              + " m");
    }
    double radius = spec.collisionRadiusM();
    double gap = gapM(null, radius, start.xM(), start.yM(), radius);
    if (gap < 0) {
      throw new IllegalArgumentException(
          "robot '"
              + id
              + "' at ("
              + start.xM()
              + ", "
              + start.yM()
              + ") overlaps "
              + (nearestIndex < 0
                  ? "a solid of arena '" + arena.name() + "'"
                  : "robot '" + bodies.get(nearestIndex).id() + "'"));
    }
    int index = bodies.size();
    SimBody body = new SimBody(this, index, id, spec, start, noiseRoot(seed, id));
    bodies.add(body);
    if (index == bodyX.length) {
      bodyX = Arrays.copyOf(bodyX, 2 * index);
      bodyY = Arrays.copyOf(bodyY, 2 * index);
      bodyR = Arrays.copyOf(bodyR, 2 * index);
    }
    bodyR[index] = radius;
    moved(body);
    return body;
  }

  /** Advances every robot by one step. */
  public void step() {
    for (SimBody body : bodies) {
      body.step(stepS);
      moved(body);
    }
    steps++;
  }

  /** Advances by whole steps until at least {@code durationS} more simulated time has passed. */
  public void run(double durationS) {
    if (!(durationS >= 0) || Double.isInfinite(durationS)) {
      throw new IllegalArgumentException("a run lasts a finite time >= 0 s, got " + durationS);
    }
    long n = (long) Math.ceil(durationS / stepS - 1e-9);
    for (long i = 0; i < n; i++) {
      step();
    }
  }

  /** Simulated seconds since the world was made (steps times the step, not a running sum). */
  public double timeS() {
    return steps * stepS;
  }

  public long steps() {
    return steps;
  }

  public double stepS() {
    return stepS;
  }

  public long seed() {
    return seed;
  }

  public ArenaGeometry geometry() {
    return geometry;
  }

  public Optional<SimBody> robot(String id) {
    for (SimBody body : bodies) {
      if (body.id().equals(id)) {
        return Optional.of(body);
      }
    }
    return Optional.empty();
  }

  /** The robots in the order they were added (and move within a step). */
  public List<SimBody> robots() {
    return Collections.unmodifiableList(bodies);
  }

  private void moved(SimBody body) {
    bodyX[body.index()] = body.pose().xM();
    bodyY[body.index()] = body.pose().yM();
  }

  /**
   * The free distance from a disc at (x, y) to the nearest solid or other robot, capped at {@code
   * capM} (exact below it); negative when overlapping. Afterwards {@link #nearestBody} names the
   * robot that is nearest, or null when the arena is.
   *
   * @param self the robot asking, left out of the robots compared; null for none
   */
  double gapM(SimBody self, double radiusM, double x, double y, double capM) {
    double gap = geometry.clearance(x, y, radiusM + capM) - radiusM;
    int skip = self == null ? -1 : self.index();
    nearestIndex = -1;
    for (int i = 0; i < bodies.size(); i++) {
      if (i == skip) {
        continue;
      }
      double dx = bodyX[i] - x;
      double dy = bodyY[i] - y;
      double reach = gap + radiusM + bodyR[i];
      // Only robots within reach can be nearer; the square root is paid for those alone.
      double distanceSq = dx * dx + dy * dy;
      if (reach > 0 && distanceSq < reach * reach) {
        gap = Math.sqrt(distanceSq) - radiusM - bodyR[i];
        nearestIndex = i;
      }
    }
    return gap;
  }

  SimBody nearestBody() {
    return nearestIndex < 0 ? null : bodies.get(nearestIndex);
  }

  /**
   * Distance along a ray to the nearest other robot's collision disc, or positive infinity when
   * none lies within {@code maxRangeM}.
   */
  double castRayAtRobots(
      SimBody self, double ox, double oy, double dirX, double dirY, double maxRangeM) {
    double nearest = Double.POSITIVE_INFINITY;
    int skip = self.index();
    for (int i = 0; i < bodies.size(); i++) {
      if (i == skip) {
        continue;
      }
      double wx = bodyX[i] - ox;
      double wy = bodyY[i] - oy;
      double along = wx * dirX + wy * dirY;
      double r = bodyR[i];
      double missSq = wx * wx + wy * wy - along * along;
      if (along < 0 || along - r > maxRangeM || missSq > r * r) {
        continue;
      }
      double t = along - Math.sqrt(r * r - missSq);
      if (t >= 0 && t <= maxRangeM && t < nearest) {
        nearest = t;
      }
    }
    return nearest;
  }

  /**
   * The root of a robot's noise streams: a mix of the world seed and a 64-bit FNV-1a hash of the
   * id, so it depends on nothing else (not the order robots were added).
   */
  static SplittableRandom noiseRoot(long worldSeed, String robotId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < robotId.length(); i++) {
      h ^= robotId.charAt(i);
      h *= 0x100000001b3L;
    }
    return new SplittableRandom(new SplittableRandom(worldSeed).nextLong() ^ h);
  }
}
