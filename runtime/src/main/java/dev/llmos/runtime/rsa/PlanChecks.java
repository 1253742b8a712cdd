package dev.llmos.runtime.rsa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.llm.json.JsonResult;
import dev.llmos.llm.json.LenientJson;
import dev.llmos.runtime.world.CellState;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reading a model's plan leniently and checking it against the map. */
final class PlanChecks {
  /** The most waypoints a plan may have. */
  static final int MAX_WAYPOINTS = 20;

  /** Summaries and excerpts in histories are cut to this many characters. */
  static final int MAX_SUMMARY_CHARS = 160;

  private PlanChecks() {}

  /** A parsed plan, or why the text is not one. */
  record Parsed(Optional<PlanCandidate> plan, Optional<String> problem) {}

  /**
   * Reads {@code {"waypoints":[{"x_m":..,"y_m":..},...],"reason":".."}} out of a reply, leniently
   * (reasoning, code fences and text around the object are skipped). A plan cut short by the token
   * limit is refused: its last waypoints are missing, and where it ends is not where it meant to
   * go.
   */
  static Parsed parse(String text) {
    JsonResult read = LenientJson.parseObject(text);
    if (read instanceof JsonResult.Failed failed) {
      return problem(failed.describe());
    }
    JsonResult.Parsed parsed = (JsonResult.Parsed) read;
    if (parsed.truncated()) {
      return problem("the plan was cut short at the token limit");
    }
    Optional<JsonNode> root = Optional.of(parsed.node());
    JsonNode waypoints = root.get().get("waypoints");
    if (waypoints == null || !waypoints.isArray()) {
      return problem("no \"waypoints\" list");
    }
    if (waypoints.isEmpty() || waypoints.size() > MAX_WAYPOINTS) {
      return problem("a plan needs 1 to " + MAX_WAYPOINTS + " waypoints, got " + waypoints.size());
    }
    List<Translation2d> points = new ArrayList<>(waypoints.size());
    for (int i = 0; i < waypoints.size(); i++) {
      JsonNode w = waypoints.get(i);
      JsonNode x = w.get("x_m");
      JsonNode y = w.get("y_m");
      if (x == null || y == null || !x.isNumber() || !y.isNumber()) {
        return problem("waypoint " + (i + 1) + " needs numbers x_m and y_m");
      }
      if (!Double.isFinite(x.doubleValue()) || !Double.isFinite(y.doubleValue())) {
        return problem("waypoint " + (i + 1) + " is not finite");
      }
      points.add(new Translation2d(x.doubleValue(), y.doubleValue()));
    }
    JsonNode reason = root.get().get("reason");
    return new Parsed(
        Optional.of(
            new PlanCandidate(points, reason != null && reason.isTextual() ? reason.asText() : "")),
        Optional.empty());
  }

  private static Parsed problem(String why) {
    return new Parsed(Optional.empty(), Optional.of(why));
  }

  /**
   * Why a plan may not be driven from {@code robot} on {@code world}, or empty when it may: every
   * waypoint inside the map and outside cells known occupied, and no straight leg (the first from
   * the robot) through one. The robot's own cell is not held against the first leg: the map may put
   * a wall there by noise, and the robot is there anyway.
   */
  static Optional<String> problem(PlanCandidate plan, WorldModel world, Translation2d robot) {
    GridGeometry g = world.geometry();
    List<Translation2d> points = plan.waypoints();
    for (int i = 0; i < points.size(); i++) {
      Translation2d w = points.get(i);
      if (!g.contains(w)) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "waypoint %d %s is outside the map (x %.2f to %.2f m, y %.2f to %.2f m)",
                i + 1,
                point(w),
                g.originXM(),
                g.originXM() + g.widthCells() * g.resolutionM(),
                g.originYM(),
                g.originYM() + g.heightCells() * g.resolutionM()));
      }
      if (world.stateAt(w) == CellState.OCCUPIED) {
        return Optional.of("waypoint " + (i + 1) + " " + point(w) + " is in a known obstacle");
      }
    }
    Translation2d from = robot;
    for (int i = 0; i < points.size(); i++) {
      Translation2d to = points.get(i);
      Optional<Translation2d> hit = firstOccupied(world, from, to, i == 0);
      if (hit.isPresent()) {
        return Optional.of(
            "the leg from "
                + (i == 0 ? "the robot " : "waypoint " + i + " ")
                + point(from)
                + " to waypoint "
                + (i + 1)
                + " "
                + point(to)
                + " crosses a known obstacle at "
                + point(hit.get()));
      }
      from = to;
    }
    return Optional.empty();
  }

  /**
   * The centre of the first occupied cell a straight segment passes through (every cell it touches,
   * one boundary crossing at a time), if any.
   */
  private static Optional<Translation2d> firstOccupied(
      WorldModel world, Translation2d from, Translation2d to, boolean skipStartCell) {
    GridGeometry g = world.geometry();
    double res = g.resolutionM();
    double gx0 = (from.xM() - g.originXM()) / res;
    double gy0 = (from.yM() - g.originYM()) / res;
    double gx1 = (to.xM() - g.originXM()) / res;
    double gy1 = (to.yM() - g.originYM()) / res;
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
    for (int k = 0; k <= steps; k++) {
      // Grid y counts from the south edge; rows count from the north.
      int col = ix;
      int row = g.heightCells() - 1 - iy;
      if (!(k == 0 && skipStartCell) && world.state(col, row) == CellState.OCCUPIED) {
        return Optional.of(g.cellCentre(col, row));
      }
      if (nextX < nextY) {
        ix += stepX;
        nextX += deltaX;
      } else {
        iy += stepY;
        nextY += deltaY;
      }
    }
    return Optional.empty();
  }

  static String point(Translation2d p) {
    return String.format(Locale.ROOT, "(%.2f, %.2f)", p.xM(), p.yM());
  }

  /** One line of at most {@link #MAX_SUMMARY_CHARS}, for histories. */
  static String shorten(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX_SUMMARY_CHARS
        ? line
        : line.substring(0, MAX_SUMMARY_CHARS - 3) + "...";
  }
}
