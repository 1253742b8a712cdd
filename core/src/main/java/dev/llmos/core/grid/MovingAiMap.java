package dev.llmos.core.grid;

import java.util.List;

/**
 * Reads the MovingAI grid map format (N. Sturtevant, "Benchmarks for Grid-Based Pathfinding", IEEE
 * TCIAIG 4(2), 2012):
 *
 * <pre>
 * type octile
 * height 3
 * width 4
 * map
 * TTTT
 * T..T
 * TTTT
 * </pre>
 *
 * <p>{@code .} and {@code G} are ground and {@code S} swamp, all passable; &#64;, {@code O} (out of
 * bounds), {@code T} (trees) and {@code W} (water) are blocked. Row 0 is the first map line. Blank
 * lines after the last row are allowed; anything else wrong is refused with the source name and
 * line.
 */
public final class MovingAiMap {
  private MovingAiMap() {}

  /**
   * Parses a map.
   *
   * @param sourceName names the map in errors (usually its file name)
   * @param text the file's content
   * @throws IllegalArgumentException naming the source, line and what was expected
   */
  public static OccupancyGrid parse(String sourceName, String text) {
    List<String> lines = text.lines().toList();
    expectLine(sourceName, lines, 0, "type");
    String type = value(lines.get(0));
    if (!type.equals("octile")) {
      throw error(sourceName, 1, "expected 'type octile', got 'type " + type + "'");
    }
    expectLine(sourceName, lines, 1, "height");
    int height = size(sourceName, 2, value(lines.get(1)), "height");
    expectLine(sourceName, lines, 2, "width");
    int width = size(sourceName, 3, value(lines.get(2)), "width");
    if (lines.size() < 4 || !lines.get(3).strip().equals("map")) {
      throw error(sourceName, 4, "expected the line 'map' before the rows");
    }
    int last = lines.size();
    while (last > 4 && lines.get(last - 1).isBlank()) {
      last--;
    }
    if (last - 4 != height) {
      throw error(
          sourceName,
          Math.min(last, 4 + height) + 1,
          "expected " + height + " rows (height " + height + "), got " + (last - 4));
    }
    boolean[] blocked = new boolean[width * height];
    for (int row = 0; row < height; row++) {
      String line = lines.get(4 + row);
      int lineNumber = 5 + row;
      if (line.length() != width) {
        throw error(
            sourceName,
            lineNumber,
            "expected " + width + " cells (width " + width + "), got " + line.length());
      }
      for (int col = 0; col < width; col++) {
        char c = line.charAt(col);
        blocked[row * width + col] =
            switch (c) {
              case '.', 'G', 'S' -> false;
              case '@', 'O', 'T', 'W' -> true;
              default ->
                  throw error(
                      sourceName,
                      lineNumber,
                      "column "
                          + (col + 1)
                          + ": unknown cell '"
                          + c
                          + "', expected one of . G S (passable) or @ O T W (blocked)");
            };
      }
    }
    return OccupancyGrid.of(width, height, blocked);
  }

  private static void expectLine(String source, List<String> lines, int index, String key) {
    if (index >= lines.size()) {
      throw error(source, index + 1, "expected '" + key + " ...', the file ends early");
    }
    String line = lines.get(index).strip();
    if (!line.equals(key) && !line.startsWith(key + " ")) {
      throw error(source, index + 1, "expected '" + key + " ...', got '" + line + "'");
    }
  }

  private static String value(String line) {
    String stripped = line.strip();
    int space = stripped.indexOf(' ');
    return space < 0 ? "" : stripped.substring(space + 1).strip();
  }

  private static int size(String source, int lineNumber, String value, String key) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw error(source, lineNumber, key + " must be a whole number, got '" + value + "'");
    }
    if (n < 1 || n > 1 << 14) {
      throw error(source, lineNumber, key + " must be 1 to 16384, got " + n);
    }
    return n;
  }

  private static IllegalArgumentException error(String source, int line, String message) {
    return new IllegalArgumentException(source + ":" + line + ": " + message);
  }
}
