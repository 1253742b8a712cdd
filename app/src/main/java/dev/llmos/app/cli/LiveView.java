package dev.llmos.app.cli;

import dev.llmos.runtime.agent.TickListener;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.world.WorldModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live text view of a run: on a terminal, the robot's map redrawn in place a few times a second
 * with the latest decision; elsewhere (a log, CI) one status line every ten robot seconds and the
 * map once at the end.
 */
final class LiveView implements TickListener {
  private static final int MAP_COLUMNS = 72;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LINE_EVERY_TICKS = 100;

  /** ANSI: cursor home, clear the screen below. */
  private static final String HOME_AND_CLEAR = "\u001b[H\u001b[J";

  private final PrintWriter out;
  private final boolean terminal;
  private final boolean quiet;
  private final Map<String, Long> byBrain = new TreeMap<>();
  private long lastDrawNanos;
  private TickRecord last;

  /** The run's map; read here only after the run, when no tick changes it any more. */
  private WorldModel world;

  LiveView(PrintWriter out, boolean terminal, boolean quiet) {
    this.out = out;
    this.terminal = terminal;
    this.quiet = quiet;
  }

  @Override
  public void tick(TickRecord record, WorldModel world) {
    byBrain.merge(record.brain(), 1L, Long::sum);
    last = record;
    this.world = world;
    if (quiet) {
      return;
    }
    double elapsedS = record.tick() * RunCommand.TICK_S;
    if (terminal) {
      long now = System.nanoTime();
      if (now - lastDrawNanos >= REDRAW_NANOS) {
        lastDrawNanos = now;
        out.print(HOME_AND_CLEAR);
        out.print(world.toText(MAP_COLUMNS));
        out.println(status(record, elapsedS, world));
        out.flush();
      }
    } else if (record.tick() % LINE_EVERY_TICKS == 0) {
      out.println(status(record, elapsedS, world));
      out.flush();
    }
  }

  private String status(TickRecord record, double elapsedS, WorldModel world) {
    return String.format(
        Locale.ROOT,
        "t=%5.1f s  map known %4.1f %%  collisions %d  decisions %s%n  %s: %s",
        elapsedS,
        world.explorationFraction() * 100,
        record.collisions(),
        byBrain,
        record.brain(),
        shortened(record.reason()));
  }

  private static String shortened(String reason) {
    return reason.length() <= 110 ? reason : reason.substring(0, 107) + "...";
  }

  /** After the run: the final map, where it was not on screen. */
  void finish() {
    if (!quiet && terminal && world != null) {
      out.print(HOME_AND_CLEAR);
      out.print(world.toText(MAP_COLUMNS));
      out.println(status(last, (last.tick() + 1) * RunCommand.TICK_S, world));
    }
    if (!quiet && !terminal && world != null) {
      out.println(status(last, (last.tick() + 1) * RunCommand.TICK_S, world));
      out.print(world.toText(MAP_COLUMNS));
    }
    out.flush();
  }
}
