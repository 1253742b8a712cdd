package dev.llmos.sim.arena;

import dev.llmos.core.grid.MovingAiMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The arenas packaged with LLMos (resources {@code llmos/arenas/<name>.yaml}) and arena files on
 * disk: {@code .yaml}/{@code .yml} in the arena format, {@code .map} in the MovingAI format.
 */
public final class ArenaCatalog {
  /** The packaged arenas, in the order they are listed. */
  public static final List<String> PACKAGED =
      List.of("empty-room", "obstacles", "office", "maze", "corridor", "line-track");

  /** Cell size for MovingAI maps loaded from a path: wide enough for the robot in a 1-cell gap. */
  public static final double MOVINGAI_CELL_SIZE_M = 0.2;

  private static final String RESOURCE_DIR = "/llmos/arenas/";

  private ArenaCatalog() {}

  /**
   * A packaged arena's name and one-line description.
   *
   * @param name what {@link #load} takes
   * @param description one readable line
   */
  public record Entry(String name, String description) {}

  /** The packaged arenas with their descriptions. */
  public static List<Entry> list() {
    return PACKAGED.stream()
        .map(name -> new Entry(name, loadPackaged(name).description()))
        .toList();
  }

  /**
   * A packaged arena by name, or an arena file when the argument ends in {@code .yaml}, {@code
   * .yml} or {@code .map}.
   *
   * @throws IllegalArgumentException for an unknown name or a bad file, saying which
   * @throws UncheckedIOException when a file cannot be read
   */
  public static Arena load(String nameOrPath) {
    String lower = nameOrPath.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".map")) {
      return loadPath(Path.of(nameOrPath));
    }
    return loadPackaged(nameOrPath);
  }

  /** A packaged arena by name. */
  public static Arena loadPackaged(String name) {
    if (!PACKAGED.contains(name)) {
      throw new IllegalArgumentException(
          "no packaged arena '"
              + name
              + "'; packaged: "
              + String.join(", ", PACKAGED)
              + " (or give a .yaml, .yml or .map file)");
    }
    String resource = RESOURCE_DIR + name + ".yaml";
    try (InputStream in = ArenaCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "packaged arena " + resource + " is missing from the build");
      }
      return ArenaLoader.parse(
          name + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read packaged arena " + resource, e);
    }
  }

  /**
   * An arena file: YAML, or a MovingAI map with cells of {@link #MOVINGAI_CELL_SIZE_M}, named after
   * the file.
   */
  public static Arena loadPath(Path file) {
    String fileName = file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read arena file " + file, e);
    }
    if (fileName.toLowerCase(Locale.ROOT).endsWith(".map")) {
      String name = fileName.substring(0, fileName.length() - ".map".length());
      return ArenaLoader.fromMovingAi(
          name, MovingAiMap.parse(fileName, text), MOVINGAI_CELL_SIZE_M);
    }
    return ArenaLoader.parse(fileName, text);
  }
}
