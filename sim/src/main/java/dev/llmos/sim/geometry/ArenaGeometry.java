package dev.llmos.sim.geometry;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaObject;
import dev.llmos.sim.arena.Box;
import dev.llmos.sim.arena.Cylinder;
import dev.llmos.sim.arena.FloorLine;
import dev.llmos.sim.arena.Wall;
import dev.llmos.sim.geometry.RayHit.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An arena's solids and floor marks in a uniform grid, for ray casts (distance sensors, camera),
 * clearance (collisions) and floor look-ups (line sensors). Immutable and safe to share between
 * threads; queries allocate nothing except {@link #castRayHit} and {@link #castRayHits}.
 *
 * <p>Solids: a wall is a rectangle around its centre line, {@code thickness} wide and extended by
 * half the thickness past each end so that walls meeting at a corner close it; a box is a rotated
 * rectangle; a cylinder and a solid object (ball, beacon) are discs. Pads and floor lines are not
 * solid. Only listed solids count: the space outside the arena is free unless walls enclose it.
 *
 * <p>Each grid cell lists the primitives whose bounding box overlaps it. A ray walks the cells it
 * crosses in order (a DDA) and stops at the first cell holding a hit nearer than that cell's exit.
 */
public final class ArenaGeometry {
  private static final double DEFAULT_CELL_M = 0.25;
  private static final int MAX_CELLS = 4_000_000;
  // Registers primitives in cells whose border they merely touch, so a ray stepping across that
  // border still finds them.
  private static final double PAD_M = 1e-9;

  private final Arena arena;

  // Solids, one entry per primitive. A rectangle has centre (px, py), unit axis (ux, uy) and half
  // extents (hx along the axis, hy across); a disc has centre (px, py) and radius hx.
  private final boolean[] isRect;
  private final double[] px;
  private final double[] py;
  private final double[] ux;
  private final double[] uy;
  private final double[] hx;
  private final double[] hy;
  private final Kind[] kind;
  private final int[] sourceIndex;

  // Floor marks: tape segments a-b with half width, and pads as discs.
  private final boolean[] markIsLine;
  private final double[] mAx;
  private final double[] mAy;
  private final double[] mBx;
  private final double[] mBy;
  private final double[] mHalfWidth;
  private final int[] mColour;

  private final double originX;
  private final double originY;
  private final double cellM;
  private final int nx;
  private final int ny;
  private final int[] solidStart;
  private final int[] solidItems;
  private final int[] markStart;
  private final int[] markItems;

  private ArenaGeometry(Arena arena) {
    this.arena = arena;
    int n =
        arena.walls().size()
            + arena.boxes().size()
            + arena.cylinders().size()
            + (int) arena.objects().stream().filter(o -> o.shape().solid()).count();
    isRect = new boolean[n];
    px = new double[n];
    py = new double[n];
    ux = new double[n];
    uy = new double[n];
    hx = new double[n];
    hy = new double[n];
    kind = new Kind[n];
    sourceIndex = new int[n];
    int k = 0;
    for (int i = 0; i < arena.walls().size(); i++, k++) {
      Wall w = arena.walls().get(i);
      double dx = w.to().xM() - w.from().xM();
      double dy = w.to().yM() - w.from().yM();
      double len = Math.hypot(dx, dy);
      setRect(
          k,
          (w.from().xM() + w.to().xM()) / 2,
          (w.from().yM() + w.to().yM()) / 2,
          len > 0 ? dx / len : 1,
          len > 0 ? dy / len : 0,
          (len + w.thicknessM()) / 2,
          w.thicknessM() / 2);
      kind[k] = Kind.WALL;
      sourceIndex[k] = i;
    }
    for (int i = 0; i < arena.boxes().size(); i++, k++) {
      Box b = arena.boxes().get(i);
      setRect(
          k,
          b.centre().xM(),
          b.centre().yM(),
          b.yaw().cos(),
          b.yaw().sin(),
          b.sizeXM() / 2,
          b.sizeYM() / 2);
      kind[k] = Kind.BOX;
      sourceIndex[k] = i;
    }
    for (int i = 0; i < arena.cylinders().size(); i++, k++) {
      Cylinder c = arena.cylinders().get(i);
      setDisc(k, c.centre(), c.radiusM());
      kind[k] = Kind.CYLINDER;
      sourceIndex[k] = i;
    }
    for (int i = 0; i < arena.objects().size(); i++) {
      ArenaObject o = arena.objects().get(i);
      if (o.shape().solid()) {
        setDisc(k, o.position(), o.radiusM());
        kind[k] = Kind.OBJECT;
        sourceIndex[k] = i;
        k++;
      }
    }

    int marks =
        arena.lines().stream().mapToInt(l -> l.points().size() - 1).sum()
            + (int) arena.objects().stream().filter(o -> !o.shape().solid()).count();
    markIsLine = new boolean[marks];
    mAx = new double[marks];
    mAy = new double[marks];
    mBx = new double[marks];
    mBy = new double[marks];
    mHalfWidth = new double[marks];
    mColour = new int[marks];
    int m = 0;
    // Pads first and lines after, so that where tape crosses a pad the later tape wins.
    for (ArenaObject o : arena.objects()) {
      if (!o.shape().solid()) {
        mAx[m] = o.position().xM();
        mAy[m] = o.position().yM();
        mBx[m] = mAx[m];
        mBy[m] = mAy[m];
        mHalfWidth[m] = o.radiusM();
        mColour[m] = o.colour().packed();
        m++;
      }
    }
    for (FloorLine line : arena.lines()) {
      List<Translation2d> pts = line.points();
      for (int i = 0; i + 1 < pts.size(); i++, m++) {
        markIsLine[m] = true;
        mAx[m] = pts.get(i).xM();
        mAy[m] = pts.get(i).yM();
        mBx[m] = pts.get(i + 1).xM();
        mBy[m] = pts.get(i + 1).yM();
        mHalfWidth[m] = line.widthM() / 2;
        mColour[m] = line.colour().packed();
      }
    }

    double[] solidBounds = new double[4 * n];
    double minX = 0;
    double minY = 0;
    double maxX = arena.widthM();
    double maxY = arena.heightM();
    for (int i = 0; i < n; i++) {
      solidBounds(i, solidBounds);
      minX = Math.min(minX, solidBounds[4 * i]);
      minY = Math.min(minY, solidBounds[4 * i + 1]);
      maxX = Math.max(maxX, solidBounds[4 * i + 2]);
      maxY = Math.max(maxY, solidBounds[4 * i + 3]);
    }
    double[] markBounds = new double[4 * marks];
    for (int i = 0; i < marks; i++) {
      markBounds[4 * i] = Math.min(mAx[i], mBx[i]) - mHalfWidth[i];
      markBounds[4 * i + 1] = Math.min(mAy[i], mBy[i]) - mHalfWidth[i];
      markBounds[4 * i + 2] = Math.max(mAx[i], mBx[i]) + mHalfWidth[i];
      markBounds[4 * i + 3] = Math.max(mAy[i], mBy[i]) + mHalfWidth[i];
      minX = Math.min(minX, markBounds[4 * i]);
      minY = Math.min(minY, markBounds[4 * i + 1]);
      maxX = Math.max(maxX, markBounds[4 * i + 2]);
      maxY = Math.max(maxY, markBounds[4 * i + 3]);
    }
    originX = minX - 2 * PAD_M;
    originY = minY - 2 * PAD_M;
    double spanX = maxX - originX + 2 * PAD_M;
    double spanY = maxY - originY + 2 * PAD_M;
    cellM = Math.max(DEFAULT_CELL_M, Math.sqrt(spanX * spanY / MAX_CELLS));
    nx = Math.max(1, (int) Math.ceil(spanX / cellM));
    ny = Math.max(1, (int) Math.ceil(spanY / cellM));
    solidStart = new int[nx * ny + 1];
    solidItems = index(solidBounds, n, solidStart);
    markStart = new int[nx * ny + 1];
    markItems = index(markBounds, marks, markStart);
  }

  /** Indexes an arena; building is linear in its number of primitives and grid cells. */
  public static ArenaGeometry of(Arena arena) {
    if (arena == null) {
      throw new IllegalArgumentException("no arena to index");
    }
    return new ArenaGeometry(arena);
  }

  public Arena arena() {
    return arena;
  }

  /**
   * Distance along the ray to the first solid surface, or {@link Double#POSITIVE_INFINITY} if none
   * lies within {@code maxRangeM}; 0 when the origin is inside a solid. Allocates nothing.
   *
   * @param dirX x of the ray's unit direction
   * @param dirY y of the ray's unit direction
   */
  public double castRay(
      double originX, double originY, double dirX, double dirY, double maxRangeM) {
    int i = firstSolid(originX, originY, dirX, dirY, maxRangeM);
    return i < 0 ? Double.POSITIVE_INFINITY : intersect(i, originX, originY, dirX, dirY);
  }

  /** Like {@link #castRay}, returning what was hit, or empty if nothing within range. */
  public Optional<RayHit> castRayHit(
      double originX, double originY, double dirX, double dirY, double maxRangeM) {
    int i = firstSolid(originX, originY, dirX, dirY, maxRangeM);
    if (i < 0) {
      return Optional.empty();
    }
    return Optional.of(
        hit(i, intersect(i, originX, originY, dirX, dirY), originX, originY, dirX, dirY));
  }

  /** Receives the surfaces along a ray, nearest first. */
  @FunctionalInterface
  public interface HitVisitor {
    /** Returns whether to go on to the next, farther surface. */
    boolean visit(RayHit hit);
  }

  /**
   * Every solid the ray enters within {@code maxRangeM}, nearest first, each once (where the ray
   * enters it), until the visitor says stop. The camera uses it to see over low things.
   */
  public void castRayHits(
      double originX,
      double originY,
      double dirX,
      double dirY,
      double maxRangeM,
      HitVisitor visitor) {
    double[] t = new double[8];
    int[] prim = new int[8];
    Traversal tr = new Traversal(originX, originY, dirX, dirY, maxRangeM);
    double cellEnter = Double.NEGATIVE_INFINITY;
    while (tr.inGrid) {
      double cellExit = tr.cellExit();
      // The last cell also keeps a hit exactly at the end of the ray, as castRay does.
      boolean last = cellExit >= tr.tEnd;
      int found = 0;
      int cell = tr.cell();
      for (int s = solidStart[cell]; s < solidStart[cell + 1]; s++) {
        int p = solidItems[s];
        double d = intersect(p, originX, originY, dirX, dirY);
        if (d >= cellEnter && (d < cellExit || (last && d == cellExit)) && d <= maxRangeM) {
          if (found == t.length) {
            t = Arrays.copyOf(t, 2 * found);
            prim = Arrays.copyOf(prim, 2 * found);
          }
          // Insertion keeps the hits in this cell sorted by distance.
          int j = found++;
          while (j > 0 && t[j - 1] > d) {
            t[j] = t[j - 1];
            prim[j] = prim[j - 1];
            j--;
          }
          t[j] = d;
          prim[j] = p;
        }
      }
      for (int j = 0; j < found; j++) {
        if (!visitor.visit(hit(prim[j], t[j], originX, originY, dirX, dirY))) {
          return;
        }
      }
      if (last) {
        return;
      }
      cellEnter = cellExit;
      tr.step();
    }
  }

  /**
   * Distance from the point to the nearest solid surface, capped at {@code maxM}; zero or negative
   * (minus the depth) when the point is inside a solid. Allocates nothing.
   */
  public double clearance(double x, double y, double maxM) {
    int ci = (int) Math.floor((x - originX) / cellM);
    int cj = (int) Math.floor((y - originY) / cellM);
    double best = maxM;
    for (int ring = 0; ; ring++) {
      best = Math.min(best, ringClearance(ci, cj, ring, x, y));
      // Solids in farther rings lie at least ring cells away.
      double beyond = ring * cellM;
      if (best <= beyond || beyond >= maxM) {
        return best;
      }
      if (ci - ring <= 0 && cj - ring <= 0 && ci + ring >= nx - 1 && cj + ring >= ny - 1) {
        return best;
      }
    }
  }

  /** Whether floor tape lies under the point (within half the tape's width of its centre line). */
  public boolean onLine(double x, double y) {
    int cell = cellAt(x, y);
    if (cell < 0) {
      return false;
    }
    for (int s = markStart[cell]; s < markStart[cell + 1]; s++) {
      int m = markItems[s];
      if (markIsLine[m] && onMark(m, x, y)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The colour of what marks the floor at the point, tape over pad, packed as 0xRRGGBB; or -1 for
   * bare floor. Allocates nothing.
   */
  public int floorMarkAt(double x, double y) {
    int cell = cellAt(x, y);
    if (cell < 0) {
      return -1;
    }
    int colour = -1;
    int best = -1;
    for (int s = markStart[cell]; s < markStart[cell + 1]; s++) {
      int m = markItems[s];
      // Later marks (tape after pads, in file order) lie on top.
      if (m > best && onMark(m, x, y)) {
        best = m;
        colour = mColour[m];
      }
    }
    return colour;
  }

  private boolean onMark(int m, double x, double y) {
    double ax = mAx[m];
    double ay = mAy[m];
    double abx = mBx[m] - ax;
    double aby = mBy[m] - ay;
    double len2 = abx * abx + aby * aby;
    double u = len2 > 0 ? ((x - ax) * abx + (y - ay) * aby) / len2 : 0;
    u = Math.max(0, Math.min(1, u));
    double ex = x - (ax + u * abx);
    double ey = y - (ay + u * aby);
    return ex * ex + ey * ey <= mHalfWidth[m] * mHalfWidth[m];
  }

  private int cellAt(double x, double y) {
    int i = (int) Math.floor((x - originX) / cellM);
    int j = (int) Math.floor((y - originY) / cellM);
    return i < 0 || j < 0 || i >= nx || j >= ny ? -1 : j * nx + i;
  }

  private double ringClearance(int ci, int cj, int ring, double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    int i0 = Math.max(0, ci - ring);
    int i1 = Math.min(nx - 1, ci + ring);
    int j0 = Math.max(0, cj - ring);
    int j1 = Math.min(ny - 1, cj + ring);
    for (int j = j0; j <= j1; j++) {
      boolean edgeRow = j == cj - ring || j == cj + ring;
      // Inside rows of the ring hold only its left and right cells.
      int stride = edgeRow || ring == 0 ? 1 : 2 * ring;
      for (int i = edgeRow ? i0 : ci - ring; i <= i1; i += stride) {
        if (i >= i0) {
          best = Math.min(best, cellClearance(j * nx + i, x, y));
        }
      }
    }
    return best;
  }

  private double cellClearance(int cell, double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    for (int s = solidStart[cell]; s < solidStart[cell + 1]; s++) {
      best = Math.min(best, signedDistance(solidItems[s], x, y));
    }
    return best;
  }

  // The same walk as Traversal, written out with locals: the JIT does not scalar-replace the
  // cursor here, and this is the sensors' hot path.
  private int firstSolid(double ox, double oy, double dx, double dy, double maxRangeM) {
    double x0 = originX;
    double y0 = originY;
    double tIn = 0;
    double tEnd = maxRangeM;
    if (dx != 0) {
      double a = (x0 - ox) / dx;
      double b = (x0 + nx * cellM - ox) / dx;
      tIn = Math.max(tIn, Math.min(a, b));
      tEnd = Math.min(tEnd, Math.max(a, b));
    } else if (ox < x0 || ox > x0 + nx * cellM) {
      return -1;
    }
    if (dy != 0) {
      double a = (y0 - oy) / dy;
      double b = (y0 + ny * cellM - oy) / dy;
      tIn = Math.max(tIn, Math.min(a, b));
      tEnd = Math.min(tEnd, Math.max(a, b));
    } else if (oy < y0 || oy > y0 + ny * cellM) {
      return -1;
    }
    if (tIn > tEnd) {
      return -1;
    }
    int i = Math.min(nx - 1, Math.max(0, (int) Math.floor((ox + tIn * dx - x0) / cellM)));
    int j = Math.min(ny - 1, Math.max(0, (int) Math.floor((oy + tIn * dy - y0) / cellM)));
    int stepI = dx > 0 ? 1 : -1;
    int stepJ = dy > 0 ? 1 : -1;
    double tDeltaX = dx != 0 ? cellM / Math.abs(dx) : Double.POSITIVE_INFINITY;
    double tDeltaY = dy != 0 ? cellM / Math.abs(dy) : Double.POSITIVE_INFINITY;
    double tMaxX =
        dx != 0 ? (x0 + (dx > 0 ? i + 1 : i) * cellM - ox) / dx : Double.POSITIVE_INFINITY;
    double tMaxY =
        dy != 0 ? (y0 + (dy > 0 ? j + 1 : j) * cellM - oy) / dy : Double.POSITIVE_INFINITY;
    int best = -1;
    double bestT = Double.POSITIVE_INFINITY;
    while (true) {
      int cell = j * nx + i;
      for (int s = solidStart[cell]; s < solidStart[cell + 1]; s++) {
        int p = solidItems[s];
        double d = intersect(p, ox, oy, dx, dy);
        if (d < bestT) {
          bestT = d;
          best = p;
        }
      }
      double cellExit = Math.min(tEnd, Math.min(tMaxX, tMaxY));
      // Anything nearer than this cell's exit lies in a cell already searched.
      if (bestT <= cellExit || cellExit >= tEnd) {
        break;
      }
      if (tMaxX < tMaxY) {
        i += stepI;
        tMaxX += tDeltaX;
      } else {
        j += stepJ;
        tMaxY += tDeltaY;
      }
      if (i < 0 || j < 0 || i >= nx || j >= ny) {
        break;
      }
    }
    return bestT <= maxRangeM ? best : -1;
  }

  /** The grid cells a ray crosses, in order: a small mutable cursor for {@link #castRayHits}. */
  private final class Traversal {
    private int i;
    private int j;
    private final int stepI;
    private final int stepJ;
    private double tMaxX;
    private double tMaxY;
    private final double tDeltaX;
    private final double tDeltaY;
    private final double tEnd;
    boolean inGrid;

    Traversal(double ox, double oy, double dx, double dy, double maxRangeM) {
      // Clip the ray to the grid's box.
      double x0 = originX;
      double y0 = originY;
      double x1 = originX + nx * cellM;
      double y1 = originY + ny * cellM;
      double tIn = 0;
      double tOut = maxRangeM;
      if (dx != 0) {
        double a = (x0 - ox) / dx;
        double b = (x1 - ox) / dx;
        tIn = Math.max(tIn, Math.min(a, b));
        tOut = Math.min(tOut, Math.max(a, b));
      } else if (ox < x0 || ox > x1) {
        tOut = -1;
      }
      if (dy != 0) {
        double a = (y0 - oy) / dy;
        double b = (y1 - oy) / dy;
        tIn = Math.max(tIn, Math.min(a, b));
        tOut = Math.min(tOut, Math.max(a, b));
      } else if (oy < y0 || oy > y1) {
        tOut = -1;
      }
      tEnd = tOut;
      inGrid = tIn <= tOut;
      double sx = ox + tIn * dx;
      double sy = oy + tIn * dy;
      i = Math.min(nx - 1, Math.max(0, (int) Math.floor((sx - x0) / cellM)));
      j = Math.min(ny - 1, Math.max(0, (int) Math.floor((sy - y0) / cellM)));
      stepI = dx > 0 ? 1 : -1;
      stepJ = dy > 0 ? 1 : -1;
      tDeltaX = dx != 0 ? cellM / Math.abs(dx) : Double.POSITIVE_INFINITY;
      tDeltaY = dy != 0 ? cellM / Math.abs(dy) : Double.POSITIVE_INFINITY;
      tMaxX = dx != 0 ? (x0 + (dx > 0 ? i + 1 : i) * cellM - ox) / dx : Double.POSITIVE_INFINITY;
      tMaxY = dy != 0 ? (y0 + (dy > 0 ? j + 1 : j) * cellM - oy) / dy : Double.POSITIVE_INFINITY;
    }

    int cell() {
      return j * nx + i;
    }

    double cellExit() {
      return Math.min(tEnd, Math.min(tMaxX, tMaxY));
    }

    void step() {
      double enter = Math.min(tMaxX, tMaxY);
      if (tMaxX < tMaxY) {
        i += stepI;
        tMaxX += tDeltaX;
      } else {
        j += stepJ;
        tMaxY += tDeltaY;
      }
      inGrid = i >= 0 && j >= 0 && i < nx && j < ny && enter < tEnd;
    }
  }

  /** Distance along the ray to primitive p's surface; 0 if the origin is inside; ∞ if missed. */
  private double intersect(int p, double ox, double oy, double dx, double dy) {
    double rx = ox - px[p];
    double ry = oy - py[p];
    if (isRect[p]) {
      double lx = rx * ux[p] + ry * uy[p];
      double ly = -rx * uy[p] + ry * ux[p];
      double ldx = dx * ux[p] + dy * uy[p];
      double ldy = -dx * uy[p] + dy * ux[p];
      double tIn = Double.NEGATIVE_INFINITY;
      double tOut = Double.POSITIVE_INFINITY;
      if (ldx != 0) {
        double a = (-hx[p] - lx) / ldx;
        double b = (hx[p] - lx) / ldx;
        tIn = Math.min(a, b);
        tOut = Math.max(a, b);
      } else if (Math.abs(lx) > hx[p]) {
        return Double.POSITIVE_INFINITY;
      }
      if (ldy != 0) {
        double a = (-hy[p] - ly) / ldy;
        double b = (hy[p] - ly) / ldy;
        tIn = Math.max(tIn, Math.min(a, b));
        tOut = Math.min(tOut, Math.max(a, b));
      } else if (Math.abs(ly) > hy[p]) {
        return Double.POSITIVE_INFINITY;
      }
      if (tIn > tOut || tOut < 0) {
        return Double.POSITIVE_INFINITY;
      }
      return Math.max(tIn, 0);
    }
    double r = hx[p];
    double b = rx * dx + ry * dy;
    double c = rx * rx + ry * ry - r * r;
    if (c <= 0) {
      return 0;
    }
    if (b >= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double disc = b * b - c;
    return disc < 0 ? Double.POSITIVE_INFINITY : -b - Math.sqrt(disc);
  }

  /** Signed distance from the point to primitive p: negative inside. */
  private double signedDistance(int p, double x, double y) {
    double rx = x - px[p];
    double ry = y - py[p];
    if (isRect[p]) {
      double qx = Math.abs(rx * ux[p] + ry * uy[p]) - hx[p];
      double qy = Math.abs(-rx * uy[p] + ry * ux[p]) - hy[p];
      double outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
      return outside + Math.min(Math.max(qx, qy), 0);
    }
    return Math.hypot(rx, ry) - hx[p];
  }

  private RayHit hit(int p, double t, double ox, double oy, double dx, double dy) {
    double nX;
    double nY;
    double hitX = ox + t * dx;
    double hitY = oy + t * dy;
    if (t == 0) {
      nX = -dx;
      nY = -dy;
    } else if (isRect[p]) {
      double lx = (hitX - px[p]) * ux[p] + (hitY - py[p]) * uy[p];
      double ly = -(hitX - px[p]) * uy[p] + (hitY - py[p]) * ux[p];
      // The face hit is the one the hit point lies on, relative to the half extents.
      double sx = Math.signum(lx);
      double sy = Math.signum(ly);
      if (Math.abs(lx) / hx[p] >= Math.abs(ly) / hy[p]) {
        nX = sx * ux[p];
        nY = sx * uy[p];
      } else {
        nX = -sy * uy[p];
        nY = sy * ux[p];
      }
    } else {
      nX = (hitX - px[p]) / hx[p];
      nY = (hitY - py[p]) / hx[p];
    }
    int i = sourceIndex[p];
    return switch (kind[p]) {
      case WALL -> {
        Wall w = arena.walls().get(i);
        yield new RayHit(t, Kind.WALL, i, w.colour(), w.heightM(), nX, nY, "");
      }
      case BOX -> {
        Box b = arena.boxes().get(i);
        yield new RayHit(t, Kind.BOX, i, b.colour(), b.heightM(), nX, nY, "");
      }
      case CYLINDER -> {
        Cylinder c = arena.cylinders().get(i);
        yield new RayHit(t, Kind.CYLINDER, i, c.colour(), c.heightM(), nX, nY, "");
      }
      case OBJECT -> {
        ArenaObject o = arena.objects().get(i);
        yield new RayHit(t, Kind.OBJECT, i, o.colour(), o.heightM(), nX, nY, o.label());
      }
    };
  }

  private void setRect(
      int k, double cx, double cy, double axX, double axY, double halfX, double halfY) {
    isRect[k] = true;
    px[k] = cx;
    py[k] = cy;
    ux[k] = axX;
    uy[k] = axY;
    hx[k] = halfX;
    hy[k] = halfY;
  }

  private void setDisc(int k, Translation2d centre, double radiusM) {
    px[k] = centre.xM();
    py[k] = centre.yM();
    hx[k] = radiusM;
    hy[k] = radiusM;
  }

  private void solidBounds(int p, double[] out) {
    double ex;
    double ey;
    if (isRect[p]) {
      ex = Math.abs(ux[p]) * hx[p] + Math.abs(uy[p]) * hy[p];
      ey = Math.abs(uy[p]) * hx[p] + Math.abs(ux[p]) * hy[p];
    } else {
      ex = hx[p];
      ey = hx[p];
    }
    out[4 * p] = px[p] - ex;
    out[4 * p + 1] = py[p] - ey;
    out[4 * p + 2] = px[p] + ex;
    out[4 * p + 3] = py[p] + ey;
  }

  /** Fills {@code start} (where each cell's items begin) and returns the items, cell by cell. */
  private int[] index(double[] bounds, int count, int[] start) {
    int[] range = new int[4 * count];
    for (int p = 0; p < count; p++) {
      range[4 * p] = clampI((bounds[4 * p] - PAD_M - originX) / cellM);
      range[4 * p + 1] = clampJ((bounds[4 * p + 1] - PAD_M - originY) / cellM);
      range[4 * p + 2] = clampI((bounds[4 * p + 2] + PAD_M - originX) / cellM);
      range[4 * p + 3] = clampJ((bounds[4 * p + 3] + PAD_M - originY) / cellM);
      for (int j = range[4 * p + 1]; j <= range[4 * p + 3]; j++) {
        for (int i = range[4 * p]; i <= range[4 * p + 2]; i++) {
          start[j * nx + i + 1]++;
        }
      }
    }
    for (int c = 0; c < nx * ny; c++) {
      start[c + 1] += start[c];
    }
    int[] fill = Arrays.copyOf(start, nx * ny);
    int[] items = new int[start[nx * ny]];
    for (int p = 0; p < count; p++) {
      for (int j = range[4 * p + 1]; j <= range[4 * p + 3]; j++) {
        for (int i = range[4 * p]; i <= range[4 * p + 2]; i++) {
          items[fill[j * nx + i]++] = p;
        }
      }
    }
    return items;
  }

  private int clampI(double v) {
    return Math.min(nx - 1, Math.max(0, (int) Math.floor(v)));
  }

  private int clampJ(double v) {
    return Math.min(ny - 1, Math.max(0, (int) Math.floor(v)));
  }

  @Override
  public String toString() {
    return "ArenaGeometry["
        + arena.name()
        + ", "
        + px.length
        + " solids, "
        + nx
        + "x"
        + ny
        + " cells of "
        + cellM
        + " m]";
  }
}
