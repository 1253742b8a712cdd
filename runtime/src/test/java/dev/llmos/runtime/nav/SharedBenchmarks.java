package dev.llmos.runtime.nav;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the project's shared benchmark data, which sits beside the clone as {@code shared/}. */
final class SharedBenchmarks {
  private static final Path MOVING_AI = Path.of("shared", "benchmarks", "movingai");

  private SharedBenchmarks() {}

  /** The MovingAI directory in the nearest ancestor that has one; fails the test otherwise. */
  static Path movingAiDirectory() {
    List<Path> looked = new ArrayList<>();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(MOVING_AI);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      looked.add(candidate);
    }
    return fail("no MovingAI benchmark directory; looked in " + looked);
  }
}
