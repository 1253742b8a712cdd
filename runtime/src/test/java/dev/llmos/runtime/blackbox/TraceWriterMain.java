package dev.llmos.runtime.blackbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * A process that records ticks as fast as it can until it is killed, for {@link BlackBoxTest}.
 * Arguments: the runs directory and the run id. Prints {@code ready} after the first hundred ticks.
 */
public final class TraceWriterMain {
  private TraceWriterMain() {}

  public static void main(String[] args) throws Exception {
    BlackBox box =
        BlackBox.start(
            Path.of(args[0]),
            new RunHeader(args[1], "explorer", 1, "sim", "office", 1, "2026-11-25T00:00:00Z"));
    for (long tick = 0; ; tick++) {
      box.tick(BlackBoxTest.tick(tick, Map.of("instinct", 0.01 * (tick % 7))));
      if (tick == 100) {
        System.out.println("ready");
        System.out.flush();
      }
    }
  }
}
