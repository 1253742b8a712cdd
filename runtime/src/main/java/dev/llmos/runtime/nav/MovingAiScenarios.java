package dev.llmos.runtime.nav;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads MovingAI scenario files ({@code .scen}, N. Sturtevant, "Benchmarks for Grid-Based
 * Pathfinding", IEEE TCIAIG 4(2), 2012): a {@code version 1} line, then one problem per line,
 *
 * <pre>
 * bucket  map  width  height  start_x  start_y  goal_x  goal_y  optimal_length
 * </pre>
 *
 * <p>separated by tabs or spaces, x being the column and y the row. Blank lines are skipped;
 * anything else wrong is refused with the source name and line.
 */
public final class MovingAiScenarios {
  private static final int FIELDS = 9;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /**
   * One search problem.
   *
   * @param bucket difficulty group (paths in bucket b are about 4b to 4b+4 long)
   * @param map the map file the problem belongs to
   * @param widthCells the map's width
   * @param heightCells the map's height
   * @param start where the path begins
   * @param goal where it ends
   * @param optimalLength the octile length of a shortest path, cells
   * @param line the line of the scenario file it came from, for messages
   */
  public record Scenario(
      int bucket,
      String map,
      int widthCells,
      int heightCells,
      GridCell start,
      GridCell goal,
      double optimalLength,
      int line) {}

  private MovingAiScenarios() {}

  /**
   * Parses a scenario file.
   *
   * @param sourceName names the file in errors
   * @param text the file's content
   * @throws IllegalArgumentException naming the source, line and what was expected
   */
  public static List<Scenario> parse(String sourceName, String text) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).strip().matches("version\\s+1(\\.0)?")) {
      throw error(
          sourceName,
          1,
          "expected 'version 1', got '" + (lines.isEmpty() ? "" : lines.get(0).strip()) + "'");
    }
    List<Scenario> scenarios = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        scenarios.add(scenario(sourceName, i + 1, line));
      }
    }
    return List.copyOf(scenarios);
  }

  private static Scenario scenario(String source, int lineNumber, String line) {
    String[] f = WHITESPACE.split(line, -1);
    if (f.length != FIELDS) {
      throw error(
          source,
          lineNumber,
          "expected "
              + FIELDS
              + " fields (bucket map width height start_x start_y goal_x goal_y optimal_length),"
              + " got "
              + f.length);
    }
    int width = count(source, lineNumber, f[2], "width");
    int height = count(source, lineNumber, f[3], "height");
    GridCell start =
        new GridCell(
            coordinate(source, lineNumber, f[4], "start_x", width),
            coordinate(source, lineNumber, f[5], "start_y", height));
    GridCell goal =
        new GridCell(
            coordinate(source, lineNumber, f[6], "goal_x", width),
            coordinate(source, lineNumber, f[7], "goal_y", height));
    double optimal;
    try {
      optimal = Double.parseDouble(f[8]);
    } catch (NumberFormatException e) {
      throw error(source, lineNumber, "optimal_length must be a number, got '" + f[8] + "'");
    }
    if (!(optimal >= 0) || Double.isInfinite(optimal)) {
      throw error(source, lineNumber, "optimal_length must be finite and >= 0, got " + f[8]);
    }
    int bucket = integer(source, lineNumber, f[0], "bucket");
    if (bucket < 0) {
      throw error(source, lineNumber, "bucket must be >= 0, got " + bucket);
    }
    return new Scenario(bucket, f[1], width, height, start, goal, optimal, lineNumber);
  }

  private static int count(String source, int lineNumber, String text, String field) {
    int n = integer(source, lineNumber, text, field);
    if (n < 1) {
      throw error(source, lineNumber, field + " must be at least 1, got " + n);
    }
    return n;
  }

  private static int coordinate(
      String source, int lineNumber, String text, String field, int limit) {
    int n = integer(source, lineNumber, text, field);
    if (n < 0 || n >= limit) {
      throw error(source, lineNumber, field + " must be 0 to " + (limit - 1) + ", got " + n);
    }
    return n;
  }

  private static int integer(String source, int lineNumber, String text, String field) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw error(source, lineNumber, field + " must be a whole number, got '" + text + "'");
    }
  }

  private static IllegalArgumentException error(String source, int line, String message) {
    return new IllegalArgumentException(source + ":" + line + ": " + message);
  }
}
