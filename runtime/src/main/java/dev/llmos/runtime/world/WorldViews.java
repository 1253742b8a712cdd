package dev.llmos.runtime.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import java.util.List;
import java.util.Locale;

/** The dashboard's JSON view and the LLM's text view of a {@link WorldModel}. */
final class WorldViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Frontiers smaller than this are noise in a view. */
  private static final int VIEW_FRONTIER_MIN_CELLS = 3;

  private WorldViews() {}

  /**
   * JSON: {@code id, version, geometry {originXM, originYM, resolutionM, widthCells, heightCells},
   * legend, rows} (one string per row, row 0 north, '#' occupied '.' free '?' unknown), {@code
   * objects [{label, xM, yM, confidence, lastSeenS, sightings}], path [{timeS, xM, yM,
   * headingRad}], frontiers [{xM, yM, sizeCells, distanceM}]} (distances from the latest path
   * point, or the map's centre without one), {@code exploration {knownCells, fraction}, sources
   * [{id, version}]}.
   */
  static String json(WorldModel world) {
    GridGeometry g = world.geometry();
    ObjectNode root = JSON.createObjectNode();
    root.put("id", world.id());
    root.put("version", world.version());
    ObjectNode geometry = root.putObject("geometry");
    geometry.put("originXM", g.originXM());
    geometry.put("originYM", g.originYM());
    geometry.put("resolutionM", g.resolutionM());
    geometry.put("widthCells", g.widthCells());
    geometry.put("heightCells", g.heightCells());
    ObjectNode legend = root.putObject("legend");
    for (CellState state : CellState.values()) {
      legend.put(String.valueOf(state.symbol()), state.name().toLowerCase(Locale.ROOT));
    }
    ArrayNode rows = root.putArray("rows");
    StringBuilder row = new StringBuilder(g.widthCells());
    for (int r = 0; r < g.heightCells(); r++) {
      row.setLength(0);
      for (int c = 0; c < g.widthCells(); c++) {
        row.append(world.state(c, r).symbol());
      }
      rows.add(row.toString());
    }
    ArrayNode objects = root.putArray("objects");
    for (DetectedObject o : world.objects()) {
      ObjectNode node = objects.addObject();
      node.put("label", o.label());
      node.put("xM", o.position().xM());
      node.put("yM", o.position().yM());
      node.put("confidence", o.confidence());
      node.put("lastSeenS", o.lastSeenS());
      node.put("sightings", o.sightings());
    }
    ArrayNode path = root.putArray("path");
    for (PathPoint p : world.path()) {
      ObjectNode node = path.addObject();
      node.put("timeS", p.timeS());
      node.put("xM", p.pose().xM());
      node.put("yM", p.pose().yM());
      node.put("headingRad", p.pose().heading().radians());
    }
    ArrayNode frontiers = root.putArray("frontiers");
    for (Frontier f : world.frontiers(robotOrCentre(world), VIEW_FRONTIER_MIN_CELLS)) {
      ObjectNode node = frontiers.addObject();
      node.put("xM", f.centroid().xM());
      node.put("yM", f.centroid().yM());
      node.put("sizeCells", f.sizeCells());
      node.put("distanceM", f.distanceM());
    }
    ObjectNode exploration = root.putObject("exploration");
    exploration.put("knownCells", world.knownCellCount());
    exploration.put("fraction", world.explorationFraction());
    ArrayNode sources = root.putArray("sources");
    world
        .mergedVersions()
        .forEach((id, version) -> sources.addObject().put("id", id).put("version", version));
    return root.toString();
  }

  private static Translation2d robotOrCentre(WorldModel world) {
    List<PathPoint> path = world.path();
    if (!path.isEmpty()) {
      return path.get(path.size() - 1).pose().translation();
    }
    GridGeometry g = world.geometry();
    return new Translation2d(
        g.originXM() + g.widthCells() * g.resolutionM() / 2,
        g.originYM() + g.heightCells() * g.resolutionM() / 2);
  }

  /**
   * A north-up character map at most {@code maxColumns} wide: each character covers a square block
   * of cells and shows '#' if any is occupied, else '.' if any is free, else '?'; 'R' is the robot
   * (latest path point), 'A', 'B', ... the objects, named in the legend below the map.
   */
  static String text(WorldModel world, int maxColumns) {
    if (maxColumns < 1) {
      throw new IllegalArgumentException("a text map needs at least one column, got " + maxColumns);
    }
    GridGeometry g = world.geometry();
    int block = (g.widthCells() + maxColumns - 1) / maxColumns;
    int cols = (g.widthCells() + block - 1) / block;
    int rows = (g.heightCells() + block - 1) / block;
    char[][] chars = new char[rows][cols];
    for (int br = 0; br < rows; br++) {
      for (int bc = 0; bc < cols; bc++) {
        CellState shown = CellState.UNKNOWN;
        for (int r = br * block; r < Math.min(g.heightCells(), (br + 1) * block); r++) {
          for (int c = bc * block; c < Math.min(g.widthCells(), (bc + 1) * block); c++) {
            CellState s = world.state(c, r);
            if (s == CellState.OCCUPIED || (s == CellState.FREE && shown == CellState.UNKNOWN)) {
              shown = s;
            }
          }
        }
        chars[br][bc] = shown.symbol();
      }
    }
    StringBuilder legend = new StringBuilder();
    List<DetectedObject> objects = world.objects();
    for (int i = 0; i < objects.size() && i < 26; i++) {
      DetectedObject o = objects.get(i);
      char mark = (char) ('A' + i);
      place(chars, g, block, o.position(), mark);
      legend.append(
          String.format(
              Locale.ROOT,
              "%c = %s at (%.2f, %.2f) m, confidence %.2f, seen at %.1f s%n",
              mark,
              o.label(),
              o.position().xM(),
              o.position().yM(),
              o.confidence(),
              o.lastSeenS()));
    }
    List<PathPoint> path = world.path();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Map %.2f x %.2f m from (%.2f, %.2f), north up, 1 char = %.2f m, %d%% explored%n",
            g.widthCells() * g.resolutionM(),
            g.heightCells() * g.resolutionM(),
            g.originXM(),
            g.originYM(),
            block * g.resolutionM(),
            Math.round(world.explorationFraction() * 100)));
    if (!path.isEmpty()) {
      Pose2d robot = path.get(path.size() - 1).pose();
      place(chars, g, block, robot.translation(), 'R');
      legend.insert(
          0,
          String.format(
              Locale.ROOT,
              "R = robot at (%.2f, %.2f) m heading %.0f deg%n",
              robot.xM(),
              robot.yM(),
              Math.toDegrees(Rotation2d.wrap(robot.heading().radians()))));
    }
    for (char[] line : chars) {
      out.append(line).append(System.lineSeparator());
    }
    out.append("# occupied  . free  ? unknown").append(System.lineSeparator());
    return out.append(legend).toString();
  }

  private static void place(char[][] chars, GridGeometry g, int block, Translation2d at, char c) {
    int col = g.col(at.xM());
    int row = g.row(at.yM());
    if (g.contains(col, row)) {
      chars[row / block][col / block] = c;
    }
  }
}
