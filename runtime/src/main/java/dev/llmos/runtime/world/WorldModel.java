package dev.llmos.runtime.world;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.hal.telemetry.Telemetry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one robot knows about its surroundings: a log-odds occupancy grid, the objects it has
 * recognised, the path it drove and the maps of other robots it has merged. Not thread-safe: the
 * runtime's world thread owns it.
 *
 * <p>Layers, each one float per cell (4 bytes): {@code own} holds this robot's own observations
 * (clamped); each merged source keeps its trust-weighted contribution so that a newer version of it
 * can replace the older one exactly; {@code fused = clamp(own + sum of contributions)} is what
 * every query reads. A map with no merges holds two layers (8 bytes a cell, 2 MiB for 512x512);
 * each merged source adds one layer, and the first merge adds a running sum.
 *
 * <p>Provenance: a model has an id and a version that counts the scans in its own layer. Merging
 * takes only the other model's own layer, so knowledge never echoes back to where it came from (A's
 * map relayed through B does not reach A twice; nor does it reach C through B: C must merge A).
 */
public final class WorldModel {
  /** Sightings of one label nearer than this are the same object. */
  public static final double OBJECT_MERGE_RADIUS_M = 0.25;

  /** Path points kept by default: at one a cell of travel, a long way. */
  public static final int DEFAULT_PATH_CAPACITY = 4096;

  private final String id;
  private final GridGeometry geometry;
  private final LogOddsModel logOdds;
  private final double inflationRadiusM;
  private final List<RangeSensor> sensors;
  private final double sensorOffsetM;
  private final int pathCapacity;

  private final float[] own;
  private final float[] fused;
  private float[] contributionSum;
  private final Map<String, Source> sources = new LinkedHashMap<>();
  private final List<DetectedObject> objects = new ArrayList<>();
  private final ArrayDeque<PathPoint> path = new ArrayDeque<>();
  private long version;

  // Bumped on every change of the fused layer; the inflation cache is keyed on it.
  private long changes;
  private long inflatedAtChange = -1;
  private double inflatedRadiusM = Double.NaN;
  private boolean[] inflated;

  /** A merged source's contribution: {@code trust * its own layer} at {@code version}. */
  static final class Source {
    private final String id;
    private final long version;
    private final double trust;
    private final float[] contribution;

    Source(String id, long version, double trust, float[] contribution) {
      this.id = id;
      this.version = version;
      this.trust = trust;
      this.contribution = contribution;
    }

    String id() {
      return id;
    }

    long version() {
      return version;
    }

    double trust() {
      return trust;
    }

    float[] contribution() {
      return contribution;
    }
  }

  /**
   * An empty map (every cell unknown).
   *
   * @param id this map's source id in merges: the robot's id
   * @param geometry where the cells lie
   * @param logOdds the sensor model and thresholds
   * @param inflationRadiusM how far {@link #isBlocked} grows occupied cells, metres (the robot's
   *     radius plus a margin)
   * @param sensors the range sensors {@link #integrate(Telemetry)} reads, in telemetry order
   * @param sensorOffsetM how far from the robot's centre the sensors sit, metres
   * @param pathCapacity how many path points to keep; the oldest go first
   */
  public WorldModel(
      String id,
      GridGeometry geometry,
      LogOddsModel logOdds,
      double inflationRadiusM,
      List<RangeSensor> sensors,
      double sensorOffsetM,
      int pathCapacity) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a world model needs a source id");
    }
    if (geometry == null || logOdds == null) {
      throw new IllegalArgumentException("world model '" + id + "' needs a geometry and a model");
    }
    if (!(inflationRadiusM >= 0) || !(sensorOffsetM >= 0) || pathCapacity < 1) {
      throw new IllegalArgumentException(
          "world model '"
              + id
              + "': inflation radius and sensor offset must be >= 0 m and path capacity >= 1, got "
              + inflationRadiusM
              + ", "
              + sensorOffsetM
              + ", "
              + pathCapacity);
    }
    this.id = id;
    this.geometry = geometry;
    this.logOdds = logOdds;
    this.inflationRadiusM = inflationRadiusM;
    this.sensors = List.copyOf(sensors);
    this.sensorOffsetM = sensorOffsetM;
    this.pathCapacity = pathCapacity;
    this.own = new float[geometry.cellCount()];
    this.fused = new float[geometry.cellCount()];
  }

  /** A map without sensors of its own (for merging and tests), default model and path capacity. */
  public WorldModel(String id, GridGeometry geometry, double inflationRadiusM) {
    this(id, geometry, LogOddsModel.DEFAULT, inflationRadiusM, List.of(), 0, DEFAULT_PATH_CAPACITY);
  }

  /** A map for a connected robot: its id and sensors, the default model. */
  public static WorldModel forRobot(
      Capabilities robot, GridGeometry geometry, double inflationRadiusM, double sensorOffsetM) {
    return new WorldModel(
        robot.robotId(),
        geometry,
        LogOddsModel.DEFAULT,
        inflationRadiusM,
        robot.rangeSensors(),
        sensorOffsetM,
        DEFAULT_PATH_CAPACITY);
  }

  public String id() {
    return id;
  }

  /** Scans integrated into this map's own layer: with the id, names exactly what others merge. */
  public long version() {
    return version;
  }

  public GridGeometry geometry() {
    return geometry;
  }

  public LogOddsModel logOddsModel() {
    return logOdds;
  }

  public double inflationRadiusM() {
    return inflationRadiusM;
  }

  public List<RangeSensor> sensors() {
    return sensors;
  }

  public double sensorOffsetM() {
    return sensorOffsetM;
  }

  public int pathCapacity() {
    return pathCapacity;
  }

  // ---- sensing

  /** Records the pose in the path and integrates the range readings, as each control tick does. */
  public void integrate(Telemetry telemetry) {
    recordPose(telemetry.timeS(), telemetry.pose());
    integrateScan(telemetry.pose(), sensors, telemetry.rangesM(), sensorOffsetM);
  }

  /**
   * Integrates one reading per sensor: each beam marks the cells it crosses free and the cell it
   * ends in occupied; a reading at (or beyond) the sensor's maximum saw nothing, so its last cell
   * is free too. Readings below the minimum count as hits at the minimum; non-finite readings are
   * skipped. Cells off the map are ignored.
   *
   * @param robotPose the robot's pose when the readings were taken
   * @param rangeSensors the sensors, one per reading
   * @param rangesM the readings, metres
   * @param sensorOffsetM how far from the robot's centre the beams start, metres
   */
  public void integrateScan(
      Pose2d robotPose,
      List<RangeSensor> rangeSensors,
      List<Double> rangesM,
      double sensorOffsetM) {
    if (!(sensorOffsetM >= 0)) {
      throw new IllegalArgumentException(
          "world model '" + id + "': a sensor offset must be >= 0 m, got " + sensorOffsetM);
    }
    if (rangeSensors.size() != rangesM.size()) {
      throw new IllegalArgumentException(
          "world model '"
              + id
              + "': "
              + rangesM.size()
              + " range readings for "
              + rangeSensors.size()
              + " sensors");
    }
    double heading = robotPose.heading().radians();
    for (int i = 0; i < rangeSensors.size(); i++) {
      RangeSensor sensor = rangeSensors.get(i);
      double rangeM = rangesM.get(i);
      if (!Double.isFinite(rangeM)) {
        continue;
      }
      boolean hit = rangeM < sensor.maxRangeM();
      double lengthM = Math.max(sensor.minRangeM(), Math.min(rangeM, sensor.maxRangeM()));
      double angle = heading + sensor.angle().radians();
      double dirX = Math.cos(angle);
      double dirY = Math.sin(angle);
      double startX = robotPose.xM() + sensorOffsetM * dirX;
      double startY = robotPose.yM() + sensorOffsetM * dirY;
      traceBeam(startX, startY, startX + lengthM * dirX, startY + lengthM * dirY, hit);
    }
    version++;
    changes++;
  }

  /**
   * Walks the cells from start to end (grid traversal in the style of Amanatides and Woo: one cell
   * boundary crossed per step, the step count fixed in advance so it always ends).
   */
  private void traceBeam(double startX, double startY, double endX, double endY, boolean hit) {
    double res = geometry.resolutionM();
    double gx0 = (startX - geometry.originXM()) / res;
    double gy0 = (startY - geometry.originYM()) / res;
    double gx1 = (endX - geometry.originXM()) / res;
    double gy1 = (endY - geometry.originYM()) / res;
    int ix = (int) Math.floor(gx0);
    int iy = (int) Math.floor(gy0);
    int steps = Math.abs((int) Math.floor(gx1) - ix) + Math.abs((int) Math.floor(gy1) - iy);
    double dx = gx1 - gx0;
    double dy = gy1 - gy0;
    int stepX = dx > 0 ? 1 : -1;
    int stepY = dy > 0 ? 1 : -1;
    double deltaX = dx == 0 ? Double.POSITIVE_INFINITY : Math.abs(1 / dx);
    double deltaY = dy == 0 ? Double.POSITIVE_INFINITY : Math.abs(1 / dy);
    double nextX = dx == 0 ? Double.POSITIVE_INFINITY : (dx > 0 ? ix + 1 - gx0 : gx0 - ix) * deltaX;
    double nextY = dy == 0 ? Double.POSITIVE_INFINITY : (dy > 0 ? iy + 1 - gy0 : gy0 - iy) * deltaY;
    float miss = (float) logOdds.missLogOdds();
    for (int k = 0; k < steps; k++) {
      update(ix, iy, miss);
      if (nextX < nextY) {
        ix += stepX;
        nextX += deltaX;
      } else {
        iy += stepY;
        nextY += deltaY;
      }
    }
    update(ix, iy, hit ? (float) logOdds.hitLogOdds() : miss);
  }

  /** Adds to one cell given in grid x/y (y counted from the south edge). */
  private void update(int ix, int iy, float delta) {
    int row = geometry.heightCells() - 1 - iy;
    if (ix < 0 || ix >= geometry.widthCells() || row < 0 || row >= geometry.heightCells()) {
      return;
    }
    int i = row * geometry.widthCells() + ix;
    float value = clampF(own[i] + delta);
    own[i] = value;
    fused[i] = contributionSum == null ? value : clampF(value + contributionSum[i]);
  }

  private float clampF(double value) {
    return (float) logOdds.clamp(value);
  }

  /** Adds a pose to the path unless the robot has moved less than half a cell since the last. */
  public void recordPose(double timeS, Pose2d pose) {
    PathPoint last = path.peekLast();
    if (last != null
        && last.pose().translation().distanceTo(pose.translation()) < geometry.resolutionM() / 2) {
      return;
    }
    if (path.size() == pathCapacity) {
      path.removeFirst();
    }
    path.addLast(new PathPoint(timeS, pose));
  }

  /** The path, oldest first. */
  public List<PathPoint> path() {
    return List.copyOf(path);
  }

  /**
   * Records a sighting. A sighting of the same label within {@link #OBJECT_MERGE_RADIUS_M} of a
   * known object updates it (confidence-weighted position, confidence combined as independent
   * evidence {@code 1 - (1 - a)(1 - b)}, latest time); otherwise it is a new object.
   *
   * @return the object as remembered after this sighting
   */
  public DetectedObject observeObject(
      String label, Translation2d position, double confidence, double timeS) {
    DetectedObject sighting = new DetectedObject(label, position, confidence, timeS, 1);
    int nearest = -1;
    double nearestM = OBJECT_MERGE_RADIUS_M;
    for (int i = 0; i < objects.size(); i++) {
      DetectedObject known = objects.get(i);
      double d = known.position().distanceTo(position);
      if (known.label().equals(label) && d <= nearestM) {
        nearest = i;
        nearestM = d;
      }
    }
    if (nearest < 0) {
      objects.add(sighting);
      return sighting;
    }
    DetectedObject known = objects.get(nearest);
    double weight = known.confidence() + confidence;
    Translation2d merged =
        weight == 0
            ? known.position().plus(position).times(0.5)
            : known
                .position()
                .times(known.confidence() / weight)
                .plus(position.times(confidence / weight));
    DetectedObject updated =
        new DetectedObject(
            label,
            merged,
            1 - (1 - known.confidence()) * (1 - confidence),
            Math.max(known.lastSeenS(), timeS),
            known.sightings() + 1);
    objects.set(nearest, updated);
    return updated;
  }

  /** Every remembered object, in the order first seen. */
  public List<DetectedObject> objects() {
    return List.copyOf(objects);
  }

  /** The remembered objects with this label, most recently seen first. */
  public List<DetectedObject> objects(String label) {
    return objects.stream()
        .filter(o -> o.label().equals(label))
        .sorted(Comparator.comparingDouble(DetectedObject::lastSeenS).reversed())
        .toList();
  }

  // ---- cells

  /** The fused log-odds of a cell inside the map. */
  public double logOdds(int col, int row) {
    return fused[checkedIndex(col, row)];
  }

  /** This robot's own log-odds for a cell, without merged maps. */
  public double ownLogOdds(int col, int row) {
    return own[checkedIndex(col, row)];
  }

  /** What the map believes about a cell; cells off the map are unknown. */
  public CellState state(int col, int row) {
    return geometry.contains(col, row)
        ? logOdds.state(fused[geometry.index(col, row)])
        : CellState.UNKNOWN;
  }

  /** What the map believes about the cell holding a world point. */
  public CellState stateAt(Translation2d point) {
    return state(geometry.col(point.xM()), geometry.row(point.yM()));
  }

  private int checkedIndex(int col, int row) {
    if (!geometry.contains(col, row)) {
      throw new IndexOutOfBoundsException(
          "cell ("
              + col
              + ", "
              + row
              + ") is off the "
              + geometry.widthCells()
              + "x"
              + geometry.heightCells()
              + " map");
    }
    return geometry.index(col, row);
  }

  /** Cells known free or occupied. */
  public int knownCellCount() {
    int known = 0;
    for (float l : fused) {
      if (logOdds.state(l) != CellState.UNKNOWN) {
        known++;
      }
    }
    return known;
  }

  /** The fraction of all cells known free or occupied. */
  public double explorationFraction() {
    return (double) knownCellCount() / geometry.cellCount();
  }

  /**
   * The fraction of the reachable area known: the free cells of {@code reachable} (same size as
   * this map, same cell order) that this map knows free or occupied; 1 when nothing is reachable.
   */
  public double explorationFraction(OccupancyGrid reachable) {
    if (reachable.width() != geometry.widthCells()
        || reachable.height() != geometry.heightCells()) {
      throw new IllegalArgumentException(
          "a reachable-area mask of "
              + reachable.width()
              + "x"
              + reachable.height()
              + " does not fit the "
              + geometry.widthCells()
              + "x"
              + geometry.heightCells()
              + " map");
    }
    int reachableCells = 0;
    int known = 0;
    for (int row = 0; row < geometry.heightCells(); row++) {
      for (int col = 0; col < geometry.widthCells(); col++) {
        if (reachable.isFree(col, row)) {
          reachableCells++;
          if (state(col, row) != CellState.UNKNOWN) {
            known++;
          }
        }
      }
    }
    return reachableCells == 0 ? 1 : (double) known / reachableCells;
  }

  // ---- planning

  /**
   * Whether a planner must avoid the cell: off the map, or within {@link #inflationRadiusM()} of an
   * occupied cell. Unknown cells are not blocked here (see {@link #toOccupancyGrid}). The inflated
   * layer is cached and rebuilt on the first query after the map changes.
   */
  public boolean isBlocked(int col, int row) {
    return !geometry.contains(col, row) || inflated(inflationRadiusM)[geometry.index(col, row)];
  }

  /**
   * The map as a planner's grid, same cells and order (column = x from the west edge, row 0 = the
   * north edge, so {@link GridGeometry#col}/{@link GridGeometry#row} convert world points): a cell
   * is blocked within {@code inflateRadiusM} of an occupied cell, and when unknown if asked.
   */
  public OccupancyGrid toOccupancyGrid(double inflateRadiusM, boolean unknownIsBlocked) {
    boolean[] grown = inflated(inflateRadiusM);
    boolean[] blocked = new boolean[grown.length];
    for (int i = 0; i < blocked.length; i++) {
      blocked[i] = grown[i] || (unknownIsBlocked && logOdds.state(fused[i]) == CellState.UNKNOWN);
    }
    return OccupancyGrid.of(geometry.widthCells(), geometry.heightCells(), blocked);
  }

  /** Occupied cells grown by a disc of the radius (cell centres within it); cached once. */
  private boolean[] inflated(double radiusM) {
    if (!(radiusM >= 0)) {
      throw new IllegalArgumentException("an inflation radius must be >= 0 m, got " + radiusM);
    }
    if (inflated != null && inflatedAtChange == changes && inflatedRadiusM == radiusM) {
      return inflated;
    }
    int width = geometry.widthCells();
    int height = geometry.heightCells();
    int reach = (int) Math.floor(radiusM / geometry.resolutionM() + 1e-9);
    double reachSquared = Math.pow(radiusM / geometry.resolutionM() + 1e-9, 2);
    List<int[]> disc = new ArrayList<>();
    for (int dr = -reach; dr <= reach; dr++) {
      for (int dc = -reach; dc <= reach; dc++) {
        if (dc * dc + dr * dr <= reachSquared) {
          disc.add(new int[] {dc, dr});
        }
      }
    }
    boolean[] grown = new boolean[geometry.cellCount()];
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        if (logOdds.state(fused[row * width + col]) != CellState.OCCUPIED) {
          continue;
        }
        for (int[] offset : disc) {
          int c = col + offset[0];
          int r = row + offset[1];
          if (c >= 0 && r >= 0 && c < width && r < height) {
            grown[r * width + c] = true;
          }
        }
      }
    }
    inflated = grown;
    inflatedRadiusM = radiusM;
    inflatedAtChange = changes;
    return grown;
  }

  /**
   * Frontiers: free cells with an unknown neighbour (north, south, east or west, on the map),
   * grouped by 8-connectivity into clusters of at least {@code minSizeCells}. Sorted largest first,
   * then nearest to {@code robot}: big openings promise the most new map.
   */
  public List<Frontier> frontiers(Translation2d robot, int minSizeCells) {
    int width = geometry.widthCells();
    int height = geometry.heightCells();
    boolean[] frontier = new boolean[geometry.cellCount()];
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        if (state(col, row) == CellState.FREE
            && (unknownOnMap(col + 1, row)
                || unknownOnMap(col - 1, row)
                || unknownOnMap(col, row + 1)
                || unknownOnMap(col, row - 1))) {
          frontier[row * width + col] = true;
        }
      }
    }
    List<Frontier> found = new ArrayList<>();
    int[] stack = new int[geometry.cellCount()];
    for (int start = 0; start < frontier.length; start++) {
      if (!frontier[start]) {
        continue;
      }
      frontier[start] = false;
      int top = 0;
      stack[top++] = start;
      int size = 0;
      double sumX = 0;
      double sumY = 0;
      while (top > 0) {
        int cell = stack[--top];
        int col = cell % width;
        int row = cell / width;
        Translation2d centre = geometry.cellCentre(col, row);
        sumX += centre.xM();
        sumY += centre.yM();
        size++;
        for (int dr = -1; dr <= 1; dr++) {
          for (int dc = -1; dc <= 1; dc++) {
            int c = col + dc;
            int r = row + dr;
            if (c >= 0 && r >= 0 && c < width && r < height && frontier[r * width + c]) {
              frontier[r * width + c] = false;
              stack[top++] = r * width + c;
            }
          }
        }
      }
      if (size >= minSizeCells) {
        Translation2d centroid = new Translation2d(sumX / size, sumY / size);
        found.add(new Frontier(centroid, size, centroid.distanceTo(robot)));
      }
    }
    found.sort(
        Comparator.comparingInt(Frontier::sizeCells)
            .reversed()
            .thenComparingDouble(Frontier::distanceM));
    return found;
  }

  private boolean unknownOnMap(int col, int row) {
    return geometry.contains(col, row) && state(col, row) == CellState.UNKNOWN;
  }

  // ---- merging

  /**
   * Fuses another robot's own observations into this map: {@code l = clamp(l_own + sum over sources
   * of trust * l_source)}. Each source counts once: merging the same (id, version) again, or an
   * older version, changes nothing; a newer version replaces that source's previous contribution
   * exactly. Objects are not merged.
   *
   * @param other a map of the same geometry from another source (a live model or {@link
   *     #fromSnapshot})
   * @param trust how much to believe it, 0 to 1
   */
  public MergeResult mergeWith(WorldModel other, double trust) {
    if (!(trust >= 0 && trust <= 1)) {
      throw new IllegalArgumentException("merge trust must be in [0, 1], got " + trust);
    }
    if (other.id.equals(id)) {
      throw new IllegalArgumentException(
          "world model '" + id + "' cannot merge its own map (same source id)");
    }
    if (!other.geometry.equals(geometry)) {
      throw new IllegalArgumentException(
          "world model '"
              + id
              + "' cannot merge '"
              + other.id
              + "': maps differ in geometry ("
              + geometry
              + " vs "
              + other.geometry
              + "); only maps of the same origin, resolution and size merge");
    }
    Source previous = sources.get(other.id);
    if (previous != null && previous.version() >= other.version) {
      return previous.version() == other.version ? MergeResult.ALREADY_MERGED : MergeResult.STALE;
    }
    float weight = (float) trust;
    float[] theirs = other.own;
    if (contributionSum == null) {
      contributionSum = new float[own.length];
    }
    float[] sum = contributionSum;
    // Replacing reuses the old contribution's array: one pass, no allocation in the steady state.
    float[] contribution = previous == null ? new float[own.length] : previous.contribution();
    float min = (float) logOdds.minLogOdds();
    float max = (float) logOdds.maxLogOdds();
    for (int i = 0; i < contribution.length; i++) {
      float added = weight * theirs[i];
      sum[i] += added - contribution[i];
      contribution[i] = added;
      fused[i] = Math.max(min, Math.min(max, own[i] + sum[i]));
    }
    sources.put(other.id, new Source(other.id, other.version, trust, contribution));
    changes++;
    return previous == null ? MergeResult.ADDED : MergeResult.REPLACED;
  }

  /** Adds or replaces a source and recomputes the fused layer (snapshots restore through this). */
  void addSource(Source source) {
    if (contributionSum == null) {
      contributionSum = new float[own.length];
    }
    Source previous = sources.put(source.id(), source);
    float[] sum = contributionSum;
    float[] added = source.contribution();
    if (previous == null) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += added[i];
        fused[i] = clampF(own[i] + sum[i]);
      }
    } else {
      float[] removed = previous.contribution();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += added[i] - removed[i];
        fused[i] = clampF(own[i] + sum[i]);
      }
    }
    changes++;
  }

  /** The merged sources: id to the version merged. */
  public Map<String, Long> mergedVersions() {
    Map<String, Long> versions = new LinkedHashMap<>();
    sources.forEach((sourceId, source) -> versions.put(sourceId, source.version()));
    return versions;
  }

  /**
   * An independent copy (cells, merged sources, objects, path, version): a planner on another
   * thread works on it while this model keeps integrating scans.
   */
  public WorldModel copy() {
    WorldModel c =
        new WorldModel(
            id, geometry, logOdds, inflationRadiusM, sensors, sensorOffsetM, pathCapacity);
    System.arraycopy(own, 0, c.own, 0, own.length);
    System.arraycopy(fused, 0, c.fused, 0, fused.length);
    c.contributionSum = contributionSum == null ? null : contributionSum.clone();
    // Contributions are rewritten in place by a newer merge, so the copy needs its own arrays.
    sources.forEach(
        (sourceId, s) ->
            c.sources.put(
                sourceId, new Source(sourceId, s.version(), s.trust(), s.contribution().clone())));
    c.objects.addAll(objects);
    c.path.addAll(path);
    c.version = version;
    c.changes = changes;
    return c;
  }

  // ---- expectations

  /**
   * What the map says a beam from {@code (xM, yM)} along {@code angleRad} would meet within {@code
   * maxRangeM}, stepping a quarter cell at a time: the first occupied cell's distance, or the
   * distance to the first unknown cell (beyond which the map cannot say), or no hit at all.
   */
  public BeamForecast forecastBeam(double xM, double yM, double angleRad, double maxRangeM) {
    double step = geometry.resolutionM() / 4;
    double dx = Math.cos(angleRad);
    double dy = Math.sin(angleRad);
    for (double d = 0; d <= maxRangeM; d += step) {
      int col = geometry.col(xM + d * dx);
      int row = geometry.row(yM + d * dy);
      CellState s = state(col, row);
      if (s == CellState.OCCUPIED) {
        return BeamForecast.hitAt(d);
      }
      if (s == CellState.UNKNOWN) {
        return BeamForecast.unknownBeyond(d);
      }
    }
    return BeamForecast.clearTo(maxRangeM);
  }

  /**
   * The distance from a point to the nearest occupied cell centre within {@code searchM}, or {@code
   * Double.POSITIVE_INFINITY} when there is none that near.
   */
  public double clearanceM(Translation2d point, double searchM) {
    int reach = (int) Math.ceil(searchM / geometry.resolutionM());
    int col0 = geometry.col(point.xM());
    int row0 = geometry.row(point.yM());
    double best = Double.POSITIVE_INFINITY;
    for (int r = row0 - reach; r <= row0 + reach; r++) {
      for (int c = col0 - reach; c <= col0 + reach; c++) {
        if (geometry.contains(c, r)
            && logOdds.state(fused[geometry.index(c, r)]) == CellState.OCCUPIED) {
          best = Math.min(best, geometry.cellCentre(c, r).distanceTo(point));
        }
      }
    }
    return best <= searchM ? best : Double.POSITIVE_INFINITY;
  }

  // ---- package-private access for the codecs

  float[] ownLayer() {
    return own;
  }

  List<Source> sourceList() {
    return List.copyOf(sources.values());
  }

  void restore(
      long restoredVersion,
      float[] ownValues,
      List<DetectedObject> restoredObjects,
      List<PathPoint> restoredPath) {
    System.arraycopy(ownValues, 0, own, 0, own.length);
    for (int i = 0; i < own.length; i++) {
      fused[i] = contributionSum == null ? own[i] : clampF(own[i] + contributionSum[i]);
    }
    version = restoredVersion;
    objects.addAll(restoredObjects);
    for (PathPoint point : restoredPath) {
      if (path.size() == pathCapacity) {
        path.removeFirst();
      }
      path.addLast(point);
    }
    changes++;
  }

  // ---- views

  /** A compact binary snapshot for the network and the black box; see {@link WorldSnapshot}. */
  public byte[] snapshot() {
    return WorldSnapshot.encode(this);
  }

  /**
   * A model rebuilt from {@link #snapshot()}, with the same id and version (so merging it counts as
   * merging the original). Log-odds come back quantised to 1/127 of the clamp range.
   *
   * @throws IllegalArgumentException naming what is wrong when the bytes are not a whole, valid
   *     snapshot
   */
  public static WorldModel fromSnapshot(byte[] snapshot) {
    return WorldSnapshot.decode(snapshot);
  }

  /** A JSON view for the dashboard; see {@link WorldViews#json}. */
  public String toJson() {
    return WorldViews.json(this);
  }

  /** A short text map for LLM prompts; see {@link WorldViews#text}. */
  public String toText(int maxColumns) {
    return WorldViews.text(this, maxColumns);
  }
}
