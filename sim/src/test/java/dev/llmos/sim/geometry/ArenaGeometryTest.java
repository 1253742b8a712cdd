package dev.llmos.sim.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaObject;
import dev.llmos.sim.arena.ArenaObject.Shape;
import dev.llmos.sim.arena.Box;
import dev.llmos.sim.arena.Cylinder;
import dev.llmos.sim.arena.FloorLine;
import dev.llmos.sim.arena.Rgb;
import dev.llmos.sim.arena.Wall;
import dev.llmos.sim.geometry.RayHit.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArenaGeometryTest {
  private static final double EPS = 1e-9;
  private static final Rgb RED = new Rgb(220, 30, 30);
  private static final Rgb BLACK = new Rgb(0, 0, 0);
  private static final Rgb GREEN = new Rgb(0, 200, 0);

  private static Translation2d p(double x, double y) {
    return new Translation2d(x, y);
  }

  private static Arena arena(
      List<Wall> walls,
      List<Box> boxes,
      List<Cylinder> cylinders,
      List<ArenaObject> objects,
      List<FloorLine> lines) {
    return new Arena(
        "test",
        "a test arena",
        4,
        4,
        0.1,
        walls,
        boxes,
        cylinders,
        objects,
        lines,
        List.of(new Pose2d(1, 1, Rotation2d.ZERO)));
  }

  private static Wall wall(double x0, double y0, double x1, double y1) {
    return new Wall(p(x0, y0), p(x1, y1), 0.1, 0.3, Rgb.WALL_GREY);
  }

  @Test
  void aRayStopsAtTheNearFaceOfAThickWall() {
    ArenaGeometry g =
        ArenaGeometry.of(
            arena(List.of(wall(2, 0, 2, 4)), List.of(), List.of(), List.of(), List.of()));
    assertThat(g.castRay(1, 1, 1, 0, 10)).isCloseTo(0.95, within(EPS));
    // Walls reach half their thickness past their ends, so corners close.
    assertThat(g.castRay(1, 4.04, 1, 0, 10)).isCloseTo(0.95, within(EPS));
    assertThat(g.castRay(1, 4.06, 1, 0, 10)).isInfinite();
    assertThat(g.castRay(1, 1, -1, 0, 10)).isInfinite();
    assertThat(g.castRay(1, 1, 1, 0, 0.9)).isInfinite();
  }

  @Test
  void aRayStartingInsideASolidMeasuresZero() {
    ArenaGeometry g =
        ArenaGeometry.of(
            arena(List.of(wall(2, 0, 2, 4)), List.of(), List.of(), List.of(), List.of()));
    assertThat(g.castRay(2.02, 1, 1, 0, 10)).isZero();
    assertThat(g.clearance(2.02, 1, 1)).isCloseTo(-0.03, within(EPS));
  }

  @Test
  void aBoxTurnedByFortyFiveDegreesIsHitOnItsCorner() {
    Box diamond = new Box(p(2, 2), 0.2, 0.2, Rotation2d.ofDegrees(45), 0.1, Rgb.BOX_BROWN);
    ArenaGeometry g =
        ArenaGeometry.of(arena(List.of(), List.of(diamond), List.of(), List.of(), List.of()));
    double halfDiagonal = 0.1 * Math.sqrt(2);
    assertThat(g.castRay(1, 2, 1, 0, 10)).isCloseTo(1 - halfDiagonal, within(EPS));
    RayHit hit = g.castRayHit(2, 1, 0, 1, 10).orElseThrow();
    assertThat(hit.kind()).isEqualTo(Kind.BOX);
    assertThat(hit.distanceM()).isCloseTo(1 - halfDiagonal, within(EPS));
    assertThat(hit.heightM()).isEqualTo(0.1);
  }

  @Test
  void cylindersAndSolidObjectsAreDiscsButPadsAreNotSolid() {
    Cylinder post = new Cylinder(p(3, 1), 0.1, 0.5, GREEN);
    ArenaObject ball = new ArenaObject("red-ball", Shape.BALL, p(1, 3), 0.04, RED);
    ArenaObject dock = new ArenaObject("dock", Shape.PAD, p(3, 3), 0.15, BLACK);
    ArenaGeometry g =
        ArenaGeometry.of(
            arena(List.of(), List.of(), List.of(post), List.of(ball, dock), List.of()));
    RayHit toPost = g.castRayHit(1, 1, 1, 0, 10).orElseThrow();
    assertThat(toPost.kind()).isEqualTo(Kind.CYLINDER);
    assertThat(toPost.distanceM()).isCloseTo(1.9, within(EPS));
    assertThat(toPost.normalX()).isCloseTo(-1, within(EPS));
    assertThat(toPost.label()).isEmpty();

    RayHit toBall = g.castRayHit(1, 1, 0, 1, 10).orElseThrow();
    assertThat(toBall.kind()).isEqualTo(Kind.OBJECT);
    assertThat(toBall.label()).isEqualTo("red-ball");
    assertThat(toBall.colour()).isEqualTo(RED);
    assertThat(toBall.heightM()).isCloseTo(0.08, within(EPS));
    assertThat(toBall.distanceM()).isCloseTo(1.96, within(EPS));

    assertThat(g.castRayHit(2, 3, 1, 0, 10)).isEqualTo(Optional.empty());
    assertThat(g.clearance(3, 3, 1)).isEqualTo(1);
    assertThat(g.floorMarkAt(3.1, 3)).isEqualTo(BLACK.packed());
  }

  @Test
  void theCameraCanSeeEverySolidAlongARayNearestFirst() {
    ArenaObject ball = new ArenaObject("red-ball", Shape.BALL, p(2, 1), 0.04, RED);
    Cylinder post = new Cylinder(p(3, 1), 0.1, 0.5, GREEN);
    ArenaGeometry g =
        ArenaGeometry.of(
            arena(
                List.of(wall(3.8, 0, 3.8, 4)), List.of(), List.of(post), List.of(ball), List.of()));
    List<RayHit> hits = new ArrayList<>();
    g.castRayHits(0.5, 1, 1, 0, 10, hits::add);
    assertThat(hits)
        .extracting(RayHit::kind)
        .containsExactly(Kind.OBJECT, Kind.CYLINDER, Kind.WALL);
    assertThat(hits.get(0).distanceM()).isCloseTo(1.46, within(EPS));
    assertThat(hits.get(1).distanceM()).isCloseTo(2.4, within(EPS));
    assertThat(hits.get(2).distanceM()).isCloseTo(3.25, within(EPS));

    List<RayHit> first = new ArrayList<>();
    g.castRayHits(
        0.5,
        1,
        1,
        0,
        10,
        h -> {
          first.add(h);
          return false;
        });
    assertThat(first).hasSize(1);
    List<RayHit> near = new ArrayList<>();
    g.castRayHits(0.5, 1, 1, 0, 3, near::add);
    assertThat(near).hasSize(2);
  }

  @Test
  void clearanceIsTheDistanceToTheNearestSurfaceCapped() {
    ArenaGeometry g =
        ArenaGeometry.of(
            arena(List.of(wall(2, 0, 2, 4)), List.of(), List.of(), List.of(), List.of()));
    assertThat(g.clearance(1.5, 2, 5)).isCloseTo(0.45, within(EPS));
    assertThat(g.clearance(1.5, 2, 0.3)).isEqualTo(0.3);
    assertThat(g.clearance(0.2, 2, 1)).isEqualTo(1);
    // Past the wall's end the nearest point is its corner.
    assertThat(g.clearance(2.35, 4.45, 5)).isCloseTo(Math.hypot(0.3, 0.4), within(EPS));
    assertThat(g.clearance(-30, -30, 100)).isCloseTo(Math.hypot(31.95, 29.95), within(1e-9));
  }

  @Test
  void floorTapeIsFoundWithinHalfItsWidth() {
    FloorLine tape = new FloorLine(List.of(p(0.5, 0.5), p(3.5, 0.5), p(3.5, 3.5)), 0.02, BLACK);
    ArenaGeometry g =
        ArenaGeometry.of(arena(List.of(), List.of(), List.of(), List.of(), List.of(tape)));
    assertThat(g.onLine(2, 0.509)).isTrue();
    assertThat(g.onLine(2, 0.511)).isFalse();
    assertThat(g.onLine(3.5, 2)).isTrue();
    assertThat(g.onLine(3.4, 2)).isFalse();
    assertThat(g.onLine(-5, 0.5)).isFalse();
    assertThat(g.floorMarkAt(3.5, 2)).isEqualTo(BLACK.packed());
    assertThat(g.floorMarkAt(3, 2)).isEqualTo(-1);
  }

  @Test
  void rayCastsAndClearancesAgreeWithABruteForceOverEveryPrimitive() {
    SplittableRandom random = new SplittableRandom(7);
    List<Wall> walls = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    List<Cylinder> cylinders = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      walls.add(
          new Wall(
              p(random.nextDouble(4), random.nextDouble(4)),
              p(random.nextDouble(4), random.nextDouble(4)),
              0.02 + random.nextDouble(0.1),
              0.3,
              Rgb.WALL_GREY));
      boxes.add(
          new Box(
              p(random.nextDouble(4), random.nextDouble(4)),
              0.05 + random.nextDouble(0.5),
              0.05 + random.nextDouble(0.5),
              Rotation2d.ofRadians(random.nextDouble(Math.PI)),
              0.2,
              Rgb.BOX_BROWN));
      cylinders.add(
          new Cylinder(
              p(random.nextDouble(4), random.nextDouble(4)),
              0.02 + random.nextDouble(0.3),
              0.4,
              GREEN));
    }
    ArenaGeometry g = ArenaGeometry.of(arena(walls, boxes, cylinders, List.of(), List.of()));
    BruteForce brute = new BruteForce(walls, boxes, cylinders);
    for (int i = 0; i < 3000; i++) {
      double x = -1 + random.nextDouble(6);
      double y = -1 + random.nextDouble(6);
      double a = random.nextDouble(2 * Math.PI);
      double range = random.nextDouble(6);
      double expected = brute.castRay(x, y, Math.cos(a), Math.sin(a));
      double got = g.castRay(x, y, Math.cos(a), Math.sin(a), range);
      if (expected <= range) {
        assertThat(got).as("ray %d", i).isCloseTo(expected, within(1e-9));
      } else {
        assertThat(got).as("ray %d", i).isInfinite();
      }
      List<RayHit> all = new ArrayList<>();
      g.castRayHits(x, y, Math.cos(a), Math.sin(a), range, all::add);
      if (expected <= range) {
        assertThat(all).as("ray %d", i).isNotEmpty();
        assertThat(all.get(0).distanceM()).isCloseTo(expected, within(1e-9));
      } else {
        assertThat(all).as("ray %d", i).isEmpty();
      }
      for (int k = 1; k < all.size(); k++) {
        assertThat(all.get(k).distanceM()).isGreaterThanOrEqualTo(all.get(k - 1).distanceM());
      }
      assertThat(all.stream().map(h -> h.kind() + "#" + h.index()).distinct().count())
          .as("each solid once")
          .isEqualTo(all.size());
      double cap = random.nextDouble(2);
      assertThat(g.clearance(x, y, cap))
          .as("clearance %d", i)
          .isCloseTo(Math.min(cap, brute.clearance(x, y)), within(1e-9));
    }
  }

  @Test
  void aLargeMazeOfManyBoxesIsIndexedAndCast() {
    List<Box> boxes = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int row = 0; row < 512; row++) {
      for (int col = 0; col < 512; col += 2) {
        if (random.nextInt(3) == 0) {
          boxes.add(
              new Box(
                  p(col * 0.1 + 0.05, row * 0.1 + 0.05),
                  0.1,
                  0.1,
                  Rotation2d.ZERO,
                  0.3,
                  Rgb.BOX_BROWN));
        }
      }
    }
    Arena maze =
        new Arena(
            "maze",
            "",
            51.2,
            51.2,
            0.1,
            List.of(),
            boxes,
            List.of(),
            List.of(),
            List.of(),
            List.of(new Pose2d(0.15, 0.15, Rotation2d.ZERO)));
    ArenaGeometry g = ArenaGeometry.of(maze);
    BruteForce brute = new BruteForce(List.of(), boxes, List.of());
    for (int i = 0; i < 40; i++) {
      // Odd columns hold no boxes, so the rays start in free space.
      double x = (2 * random.nextInt(256) + 1.5) * 0.1;
      double y = random.nextDouble(51.2);
      double a = random.nextDouble(2 * Math.PI);
      double expected = brute.castRay(x, y, Math.cos(a), Math.sin(a));
      assertThat(g.castRay(x, y, Math.cos(a), Math.sin(a), 100)).isCloseTo(expected, within(1e-9));
    }
  }

  /** Independent reference: every primitive tested, rectangles as four edges. */
  private static final class BruteForce {
    private final List<double[]> polygons = new ArrayList<>();
    private final List<double[]> discs = new ArrayList<>();

    BruteForce(List<Wall> walls, List<Box> boxes, List<Cylinder> cylinders) {
      for (Wall w : walls) {
        double dx = w.to().xM() - w.from().xM();
        double dy = w.to().yM() - w.from().yM();
        double len = Math.hypot(dx, dy);
        Translation2d mid = w.from().plus(w.to()).times(0.5);
        polygons.add(rect(mid, Math.atan2(dy, dx), len + w.thicknessM(), w.thicknessM()));
      }
      for (Box b : boxes) {
        polygons.add(rect(b.centre(), b.yaw().radians(), b.sizeXM(), b.sizeYM()));
      }
      for (Cylinder c : cylinders) {
        discs.add(new double[] {c.centre().xM(), c.centre().yM(), c.radiusM()});
      }
    }

    private static double[] rect(Translation2d c, double yaw, double sx, double sy) {
      double[] corners = new double[8];
      double[][] local = {
        {sx / 2, sy / 2}, {-sx / 2, sy / 2}, {-sx / 2, -sy / 2}, {sx / 2, -sy / 2}
      };
      for (int k = 0; k < 4; k++) {
        Translation2d q =
            new Translation2d(local[k][0], local[k][1]).rotateBy(Rotation2d.ofRadians(yaw));
        corners[2 * k] = c.xM() + q.xM();
        corners[2 * k + 1] = c.yM() + q.yM();
      }
      return corners;
    }

    double castRay(double x, double y, double dx, double dy) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] poly : polygons) {
        if (inside(poly, x, y)) {
          return 0;
        }
        for (int k = 0; k < 4; k++) {
          double ax = poly[2 * k];
          double ay = poly[2 * k + 1];
          double ex = poly[(2 * k + 2) % 8] - ax;
          double ey = poly[(2 * k + 3) % 8] - ay;
          double den = dx * ey - dy * ex;
          if (den == 0) {
            continue;
          }
          double t = ((ax - x) * ey - (ay - y) * ex) / den;
          double u = ((ax - x) * dy - (ay - y) * dx) / den;
          if (t >= 0 && u >= 0 && u <= 1) {
            best = Math.min(best, t);
          }
        }
      }
      for (double[] d : discs) {
        double rx = x - d[0];
        double ry = y - d[1];
        double c = rx * rx + ry * ry - d[2] * d[2];
        if (c <= 0) {
          return 0;
        }
        double b = rx * dx + ry * dy;
        double disc = b * b - c;
        if (disc >= 0 && -b - Math.sqrt(disc) >= 0) {
          best = Math.min(best, -b - Math.sqrt(disc));
        }
      }
      return best;
    }

    double clearance(double x, double y) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] poly : polygons) {
        double edge = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 4; k++) {
          double ax = poly[2 * k];
          double ay = poly[2 * k + 1];
          double ex = poly[(2 * k + 2) % 8] - ax;
          double ey = poly[(2 * k + 3) % 8] - ay;
          double u =
              Math.max(0, Math.min(1, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)));
          edge = Math.min(edge, Math.hypot(x - ax - u * ex, y - ay - u * ey));
        }
        best = Math.min(best, inside(poly, x, y) ? -edge : edge);
      }
      for (double[] d : discs) {
        best = Math.min(best, Math.hypot(x - d[0], y - d[1]) - d[2]);
      }
      return best;
    }

    private static boolean inside(double[] poly, double x, double y) {
      boolean allLeft = true;
      boolean allRight = true;
      for (int k = 0; k < 4; k++) {
        double ax = poly[2 * k];
        double ay = poly[2 * k + 1];
        double cross =
            (poly[(2 * k + 2) % 8] - ax) * (y - ay) - (poly[(2 * k + 3) % 8] - ay) * (x - ax);
        allLeft &= cross > 0;
        allRight &= cross < 0;
      }
      return allLeft || allRight;
    }
  }
}
