package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.sim.arena.ArenaObject.Shape;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads arenas from the YAML format described in {@code docs/arenas.md}, and imports MovingAI grid
 * maps. An arena is wholly valid or refused; errors name the file, line, column and field.
 */
public final class ArenaLoader {
  /** Boundary walls, and walls written without these fields. */
  public static final double DEFAULT_WALL_THICKNESS_M = 0.05;

  public static final double DEFAULT_WALL_HEIGHT_M = 0.3;
  public static final double DEFAULT_BOX_HEIGHT_M = 0.2;
  public static final double DEFAULT_CYLINDER_HEIGHT_M = 0.3;
  public static final double DEFAULT_LINE_WIDTH_M = 0.02;
  public static final double DEFAULT_CELL_SIZE_M = 0.05;

  /** Imported map cells stand this tall. */
  public static final double MOVINGAI_BLOCK_HEIGHT_M = 0.3;

  private static final Map<String, Rgb> COLOURS = colours();

  private ArenaLoader() {}

  /**
   * Parses an arena.
   *
   * @param sourceName the file name, used in errors and (without extension) as default name
   * @param text YAML
   * @throws IllegalArgumentException naming the source, line, column and field
   */
  public static Arena parse(String sourceName, String text) {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(sourceName).build()).composeString(text);
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .map(m -> sourceName + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              .orElse(sourceName);
      throw new IllegalArgumentException(where + ": not valid YAML: " + e.getProblem(), e);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(sourceName + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root.isEmpty()) {
      throw new IllegalArgumentException(sourceName + ": empty arena file");
    }
    return new Reader(sourceName).arena(root.get(), defaultName(sourceName));
  }

  /**
   * Imports a MovingAI grid: each row's runs of blocked cells become one box each, boundary walls
   * close the grid, and up to four starts lie in free cells whose eight neighbours are free too
   * (one per quadrant, nearest its centre; any free cells if no cell has free neighbours). Cell
   * (col, row) has its centre at x = (col + 0.5) * cell, y = (height - row - 0.5) * cell: row 0,
   * the top of the file, has the largest y.
   */
  public static Arena fromMovingAi(String name, OccupancyGrid grid, double cellSizeM) {
    if (!(cellSizeM > 0)) {
      throw new IllegalArgumentException(name + ": cell size must be positive, got " + cellSizeM);
    }
    double widthM = grid.width() * cellSizeM;
    double heightM = grid.height() * cellSizeM;
    List<Box> boxes = new ArrayList<>();
    for (int row = 0; row < grid.height(); row++) {
      double y = (grid.height() - row - 0.5) * cellSizeM;
      int col = 0;
      while (col < grid.width()) {
        if (!grid.isBlocked(col, row)) {
          col++;
          continue;
        }
        int first = col;
        while (col < grid.width() && grid.isBlocked(col, row)) {
          col++;
        }
        boxes.add(
            new Box(
                new Translation2d((first + col) / 2.0 * cellSizeM, y),
                (col - first) * cellSizeM,
                cellSizeM,
                Rotation2d.ZERO,
                MOVINGAI_BLOCK_HEIGHT_M,
                Rgb.WALL_GREY));
      }
    }
    List<Pose2d> starts = movingAiStarts(grid, cellSizeM);
    if (starts.isEmpty()) {
      throw new IllegalArgumentException(name + ": the map has no free cell to start in");
    }
    return new Arena(
        name,
        "MovingAI map "
            + name
            + ", "
            + grid.width()
            + "x"
            + grid.height()
            + " cells of "
            + cellSizeM
            + " m",
        widthM,
        heightM,
        cellSizeM,
        boundaryWalls(widthM, heightM),
        boxes,
        List.of(),
        List.of(),
        List.of(),
        starts);
  }

  /**
   * Four walls whose inner faces are the arena's edges, so the floor from (0, 0) to (width, height)
   * is wholly inside.
   */
  public static List<Wall> boundaryWalls(double widthM, double heightM) {
    double h = DEFAULT_WALL_THICKNESS_M / 2;
    return List.of(
        boundary(0, -h, widthM, -h),
        boundary(widthM + h, 0, widthM + h, heightM),
        boundary(widthM, heightM + h, 0, heightM + h),
        boundary(-h, heightM, -h, 0));
  }

  private static Wall boundary(double x0, double y0, double x1, double y1) {
    return new Wall(
        new Translation2d(x0, y0),
        new Translation2d(x1, y1),
        DEFAULT_WALL_THICKNESS_M,
        DEFAULT_WALL_HEIGHT_M,
        Rgb.WALL_GREY);
  }

  private static List<Pose2d> movingAiStarts(OccupancyGrid grid, double cellSizeM) {
    List<Pose2d> open = movingAiStarts(grid, cellSizeM, true);
    return open.isEmpty() ? movingAiStarts(grid, cellSizeM, false) : open;
  }

  private static List<Pose2d> movingAiStarts(
      OccupancyGrid grid, double cellSizeM, boolean needOpenNeighbours) {
    List<Pose2d> starts = new ArrayList<>();
    int w = grid.width();
    int h = grid.height();
    // Quadrants in the world frame: bottom-left, bottom-right, top-left, top-right.
    double[][] centres = {
      {w * 0.25, h * 0.75}, {w * 0.75, h * 0.75}, {w * 0.25, h * 0.25}, {w * 0.75, h * 0.25}
    };
    for (double[] centre : centres) {
      int colMin = centre[0] < w / 2.0 ? 0 : w / 2;
      int colMax = centre[0] < w / 2.0 ? w / 2 : w;
      int rowMin = centre[1] < h / 2.0 ? 0 : h / 2;
      int rowMax = centre[1] < h / 2.0 ? h / 2 : h;
      int bestCol = -1;
      int bestRow = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (int row = rowMin; row < rowMax; row++) {
        for (int col = colMin; col < colMax; col++) {
          double d = Math.hypot(col + 0.5 - centre[0], row + 0.5 - centre[1]);
          if (d < bestD
              && grid.isFree(col, row)
              && (!needOpenNeighbours || openAround(grid, col, row))) {
            bestD = d;
            bestCol = col;
            bestRow = row;
          }
        }
      }
      if (bestCol >= 0) {
        starts.add(
            new Pose2d(
                (bestCol + 0.5) * cellSizeM, (h - bestRow - 0.5) * cellSizeM, Rotation2d.ZERO));
      }
    }
    return starts;
  }

  private static boolean openAround(OccupancyGrid grid, int col, int row) {
    for (int dr = -1; dr <= 1; dr++) {
      for (int dc = -1; dc <= 1; dc++) {
        if (grid.isBlocked(col + dc, row + dr)) {
          return false;
        }
      }
    }
    return true;
  }

  private static String defaultName(String sourceName) {
    String base = sourceName.substring(sourceName.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  /** The colour names an arena file may use. */
  public static Set<String> colourNames() {
    return COLOURS.keySet();
  }

  private static Map<String, Rgb> colours() {
    Map<String, Rgb> c = new LinkedHashMap<>();
    c.put("red", new Rgb(220, 30, 30));
    c.put("green", new Rgb(30, 170, 60));
    c.put("blue", new Rgb(30, 80, 220));
    c.put("yellow", new Rgb(240, 210, 30));
    c.put("orange", new Rgb(245, 130, 20));
    c.put("purple", new Rgb(140, 50, 170));
    c.put("cyan", new Rgb(30, 190, 210));
    c.put("pink", new Rgb(240, 120, 170));
    c.put("brown", Rgb.BOX_BROWN);
    c.put("white", new Rgb(245, 245, 245));
    c.put("black", new Rgb(20, 20, 20));
    c.put("grey", Rgb.WALL_GREY);
    c.put("gray", Rgb.WALL_GREY);
    return Map.copyOf(c);
  }

  /** Walks the YAML nodes, keeping the source name for errors. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    Arena arena(Node root, String defaultName) {
      Map<String, NodeTuple> top =
          fields(
              root,
              "arena",
              Set.of(
                  "name",
                  "description",
                  "size",
                  "cell",
                  "boundary",
                  "walls",
                  "boxes",
                  "cylinders",
                  "objects",
                  "lines",
                  "starts"),
              Set.of("size", "starts"));
      String name = top.containsKey("name") ? string(value(top, "name"), "name") : defaultName;
      String description =
          top.containsKey("description") ? string(value(top, "description"), "description") : "";
      Map<String, NodeTuple> size =
          fields(value(top, "size"), "size", Set.of("width", "height"), Set.of("width", "height"));
      double widthM = positive(value(size, "width"), "size.width");
      double heightM = positive(value(size, "height"), "size.height");
      double cellM =
          top.containsKey("cell") ? positive(value(top, "cell"), "cell") : DEFAULT_CELL_SIZE_M;
      boolean boundary = !top.containsKey("boundary") || bool(value(top, "boundary"), "boundary");

      List<Wall> walls = new ArrayList<>(boundary ? boundaryWalls(widthM, heightM) : List.of());
      List<Box> boxes = new ArrayList<>();
      List<Cylinder> cylinders = new ArrayList<>();
      List<ArenaObject> objects = new ArrayList<>();
      List<FloorLine> lines = new ArrayList<>();
      List<Pose2d> starts = new ArrayList<>();
      List<Node> startNodes = new ArrayList<>();
      forEach(top, "walls", (node, field) -> walls.add(wall(node, field)));
      forEach(top, "boxes", (node, field) -> boxes.add(box(node, field)));
      forEach(top, "cylinders", (node, field) -> cylinders.add(cylinder(node, field)));
      Set<String> labels = new HashSet<>();
      forEach(
          top,
          "objects",
          (node, field) -> {
            ArenaObject o = object(node, field);
            if (!labels.add(o.label())) {
              throw error(node, field + ".label", "label '" + o.label() + "' is used twice");
            }
            if (!inside(o.position(), widthM, heightM)) {
              throw error(node, field + ".position", "lies outside the arena's floor");
            }
            objects.add(o);
          });
      forEach(top, "lines", (node, field) -> lines.add(line(node, field)));
      forEach(
          top,
          "starts",
          (node, field) -> {
            starts.add(start(node, field));
            startNodes.add(node);
          });
      if (starts.isEmpty()) {
        throw error(top.get("starts").getValueNode(), "starts", "needs at least one start pose");
      }
      Arena arena;
      try {
        arena =
            new Arena(
                name,
                description,
                widthM,
                heightM,
                cellM,
                walls,
                boxes,
                cylinders,
                objects,
                lines,
                starts);
      } catch (IllegalArgumentException e) {
        throw error(root, "arena", e.getMessage());
      }
      ArenaGeometry geometry = ArenaGeometry.of(arena);
      for (int i = 0; i < starts.size(); i++) {
        Pose2d s = starts.get(i);
        String field = "starts[" + i + "]";
        if (!inside(s.translation(), widthM, heightM)) {
          throw error(startNodes.get(i), field, "lies outside the arena's floor");
        }
        if (geometry.clearance(s.xM(), s.yM(), 1) <= 0) {
          throw error(startNodes.get(i), field, "lies inside a solid");
        }
      }
      return arena;
    }

    private static boolean inside(Translation2d p, double widthM, double heightM) {
      return p.xM() >= 0 && p.yM() >= 0 && p.xM() <= widthM && p.yM() <= heightM;
    }

    private Wall wall(Node node, String field) {
      Map<String, NodeTuple> f =
          fields(
              node,
              field,
              Set.of("from", "to", "thickness", "height", "colour"),
              Set.of("from", "to"));
      return build(
          node,
          field,
          () ->
              new Wall(
                  point(value(f, "from"), field + ".from"),
                  point(value(f, "to"), field + ".to"),
                  optionalPositive(f, "thickness", field, DEFAULT_WALL_THICKNESS_M),
                  optionalPositive(f, "height", field, DEFAULT_WALL_HEIGHT_M),
                  optionalColour(f, field, Rgb.WALL_GREY)));
    }

    private Box box(Node node, String field) {
      Map<String, NodeTuple> f =
          fields(
              node,
              field,
              Set.of("centre", "size", "yaw", "height", "colour"),
              Set.of("centre", "size"));
      Translation2d size = point(value(f, "size"), field + ".size");
      return build(
          node,
          field,
          () ->
              new Box(
                  point(value(f, "centre"), field + ".centre"),
                  size.xM(),
                  size.yM(),
                  Rotation2d.ofDegrees(
                      f.containsKey("yaw") ? number(value(f, "yaw"), field + ".yaw") : 0),
                  optionalPositive(f, "height", field, DEFAULT_BOX_HEIGHT_M),
                  optionalColour(f, field, Rgb.BOX_BROWN)));
    }

    private Cylinder cylinder(Node node, String field) {
      Map<String, NodeTuple> f =
          fields(
              node,
              field,
              Set.of("centre", "radius", "height", "colour"),
              Set.of("centre", "radius"));
      return build(
          node,
          field,
          () ->
              new Cylinder(
                  point(value(f, "centre"), field + ".centre"),
                  positive(value(f, "radius"), field + ".radius"),
                  optionalPositive(f, "height", field, DEFAULT_CYLINDER_HEIGHT_M),
                  optionalColour(f, field, Rgb.WALL_GREY)));
    }

    private ArenaObject object(Node node, String field) {
      Map<String, NodeTuple> f =
          fields(
              node,
              field,
              Set.of("label", "shape", "position", "radius", "colour"),
              Set.of("label", "shape", "position", "radius", "colour"));
      String shapeName = string(value(f, "shape"), field + ".shape");
      Shape shape;
      try {
        shape = Shape.valueOf(shapeName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error(
            value(f, "shape"),
            field + ".shape",
            "expected ball, pad or beacon, got '" + shapeName + "'");
      }
      return build(
          node,
          field,
          () ->
              new ArenaObject(
                  string(value(f, "label"), field + ".label"),
                  shape,
                  point(value(f, "position"), field + ".position"),
                  positive(value(f, "radius"), field + ".radius"),
                  colour(value(f, "colour"), field + ".colour")));
    }

    private FloorLine line(Node node, String field) {
      Map<String, NodeTuple> f =
          fields(node, field, Set.of("points", "width", "colour"), Set.of("points"));
      List<Translation2d> points = new ArrayList<>();
      List<Node> items = list(value(f, "points"), field + ".points");
      for (int i = 0; i < items.size(); i++) {
        points.add(point(items.get(i), field + ".points[" + i + "]"));
      }
      return build(
          node,
          field,
          () ->
              new FloorLine(
                  points,
                  optionalPositive(f, "width", field, DEFAULT_LINE_WIDTH_M),
                  optionalColour(f, field, COLOURS.get("black"))));
    }

    private Pose2d start(Node node, String field) {
      Map<String, NodeTuple> f = fields(node, field, Set.of("x", "y", "heading"), Set.of("x", "y"));
      return new Pose2d(
          number(value(f, "x"), field + ".x"),
          number(value(f, "y"), field + ".y"),
          Rotation2d.ofDegrees(
              f.containsKey("heading") ? number(value(f, "heading"), field + ".heading") : 0));
    }

    /** Runs a record constructor, pinning its complaint on the item's position. */
    private <T> T build(Node node, String field, Supplier<T> constructor) {
      try {
        return constructor.get();
      } catch (ArenaFormatException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw error(node, field, e.getMessage());
      }
    }

    private interface ItemReader {
      void read(Node node, String field);
    }

    private void forEach(Map<String, NodeTuple> top, String key, ItemReader reader) {
      if (!top.containsKey(key)) {
        return;
      }
      List<Node> items = list(value(top, key), key);
      for (int i = 0; i < items.size(); i++) {
        reader.read(items.get(i), key + "[" + i + "]");
      }
    }

    private Map<String, NodeTuple> fields(
        Node node, String field, Set<String> allowed, Set<String> required) {
      if (!(node instanceof MappingNode mapping)) {
        throw error(node, field, "expected a mapping of " + sorted(allowed));
      }
      Map<String, NodeTuple> out = new LinkedHashMap<>();
      for (NodeTuple t : mapping.getValue()) {
        String key = string(t.getKeyNode(), field + " key");
        String path = field.equals("arena") ? key : field + "." + key;
        if (!allowed.contains(key)) {
          throw error(t.getKeyNode(), path, "unknown key, expected one of " + sorted(allowed));
        }
        if (out.put(key, t) != null) {
          throw error(t.getKeyNode(), path, "given twice");
        }
      }
      for (String key : sorted(required)) {
        if (!out.containsKey(key)) {
          throw error(node, field.equals("arena") ? key : field + "." + key, "missing");
        }
      }
      return out;
    }

    private static List<String> sorted(Set<String> keys) {
      return keys.stream().sorted().toList();
    }

    private static Node value(Map<String, NodeTuple> fields, String key) {
      return fields.get(key).getValueNode();
    }

    private List<Node> list(Node node, String field) {
      if (!(node instanceof SequenceNode seq)) {
        throw error(node, field, "expected a list");
      }
      return seq.getValue();
    }

    private String string(Node node, String field) {
      if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
        throw error(node, field, "expected a non-empty text");
      }
      return scalar.getValue();
    }

    private double number(Node node, String field) {
      String text = string(node, field);
      double v;
      try {
        v = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error(node, field, "expected a number, got '" + text + "'");
      }
      if (!Double.isFinite(v)) {
        throw error(node, field, "expected a finite number, got '" + text + "'");
      }
      return v;
    }

    private double positive(Node node, String field) {
      double v = number(node, field);
      if (!(v > 0)) {
        throw error(node, field, "expected a positive number, got " + v);
      }
      return v;
    }

    private double optionalPositive(
        Map<String, NodeTuple> f, String key, String field, double fallback) {
      return f.containsKey(key) ? positive(value(f, key), field + "." + key) : fallback;
    }

    private boolean bool(Node node, String field) {
      String text = string(node, field);
      return switch (text) {
        case "true" -> true;
        case "false" -> false;
        default -> throw error(node, field, "expected true or false, got '" + text + "'");
      };
    }

    private Translation2d point(Node node, String field) {
      List<Node> xy = list(node, field);
      if (xy.size() != 2) {
        throw error(node, field, "expected [x, y], got " + xy.size() + " numbers");
      }
      return new Translation2d(number(xy.get(0), field + "[0]"), number(xy.get(1), field + "[1]"));
    }

    private Rgb optionalColour(Map<String, NodeTuple> f, String field, Rgb fallback) {
      return f.containsKey("colour") ? colour(value(f, "colour"), field + ".colour") : fallback;
    }

    private Rgb colour(Node node, String field) {
      if (node instanceof SequenceNode) {
        List<Node> rgb = list(node, field);
        if (rgb.size() != 3) {
          throw error(node, field, "expected [r, g, b] with 0-255 each");
        }
        int[] c = new int[3];
        for (int i = 0; i < 3; i++) {
          double v = number(rgb.get(i), field + "[" + i + "]");
          if (v != Math.rint(v) || v < 0 || v > 255) {
            throw error(rgb.get(i), field + "[" + i + "]", "expected a whole number 0-255");
          }
          c[i] = (int) v;
        }
        return new Rgb(c[0], c[1], c[2]);
      }
      String text = string(node, field).strip().toLowerCase(Locale.ROOT);
      if (text.matches("#[0-9a-f]{6}")) {
        int v = Integer.parseInt(text.substring(1), 16);
        return new Rgb(v >> 16, (v >> 8) & 0xff, v & 0xff);
      }
      Rgb named = COLOURS.get(text);
      if (named == null) {
        throw error(
            node,
            field,
            "unknown colour '"
                + text
                + "', expected [r, g, b], \"#rrggbb\" or one of "
                + sorted(COLOURS.keySet()));
      }
      return named;
    }

    private ArenaFormatException error(Node node, String field, String message) {
      Optional<Mark> mark = node.getStartMark();
      String where =
          mark.map(m -> source + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              .orElse(source);
      return new ArenaFormatException(where + ": " + field + ": " + message);
    }
  }
}
