package dev.llmos.app.cli;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.arena.ArenaObject;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos arenas}: the worlds simulated robots run in. */
@Command(
    name = "arenas",
    mixinStandardHelpOptions = true,
    description = "List and show simulator arenas (shipped ones, YAML files, MovingAI .map files).",
    subcommands = {ArenasCommand.ListArenas.class, ArenasCommand.Show.class})
final class ArenasCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped arenas.")
  static final class ListArenas implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      Table table = new Table("NAME", "SIZE", "DESCRIPTION");
      for (ArenaCatalog.Entry entry : ArenaCatalog.list()) {
        Arena arena = ArenaCatalog.loadPackaged(entry.name());
        table.row(
            entry.name(),
            String.format(Locale.ROOT, "%.1f x %.1f m", arena.widthM(), arena.heightM()),
            entry.description());
      }
      PrintWriter out = spec.commandLine().getOut();
      table.print(out);
      out.println();
      out.println(
          table.size() + " arenas; also any arena .yaml file or MovingAI .map file by path");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Describe an arena and draw it in the terminal (# solid, S start, letters objects).")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(
        paramLabel = "ARENA",
        description = "A shipped arena's name, or a .yaml or .map file.")
    private String arena;

    @Option(
        names = "--columns",
        defaultValue = "60",
        description = "Width of the drawing in characters (default: ${DEFAULT-VALUE}).")
    private int columns;

    @Override
    public Integer call() {
      if (columns < 10 || columns > 400) {
        throw new IllegalArgumentException("--columns must be within 10-400, got " + columns);
      }
      Arena a = ArenaCatalog.load(arena);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %s%n", a.name(), a.description());
      out.printf(
          Locale.ROOT,
          "size %.2f x %.2f m, cell %.2f m; %d walls, %d boxes, %d cylinders, %d floor lines%n",
          a.widthM(),
          a.heightM(),
          a.cellSizeM(),
          a.walls().size(),
          a.boxes().size(),
          a.cylinders().size(),
          a.lines().size());
      for (ArenaObject o : a.objects()) {
        out.printf(
            Locale.ROOT,
            "object %-12s %-6s at (%.2f, %.2f) m, radius %.2f m%n",
            o.label(),
            o.shape().name().toLowerCase(Locale.ROOT),
            o.position().xM(),
            o.position().yM(),
            o.radiusM());
      }
      for (int i = 0; i < a.starts().size(); i++) {
        Pose2d s = a.starts().get(i);
        out.printf(
            Locale.ROOT,
            "start %d at (%.2f, %.2f) m heading %.0f degrees%n",
            i + 1,
            s.xM(),
            s.yM(),
            s.heading().degrees());
      }
      out.println();
      draw(a, out);
      return ExitCodes.OK;
    }

    /** A top view: north (+y) up, one character per cell, terminal cells twice as tall as wide. */
    private void draw(Arena a, PrintWriter out) {
      ArenaGeometry geometry = ArenaGeometry.of(a);
      double cellW = a.widthM() / columns;
      double cellH = cellW * 2;
      int rows = Math.max(1, (int) Math.ceil(a.heightM() / cellH));
      char[][] grid = new char[rows][columns];
      for (int r = 0; r < rows; r++) {
        double y = a.heightM() - (r + 0.5) * cellH;
        for (int c = 0; c < columns; c++) {
          double x = (c + 0.5) * cellW;
          grid[r][c] = geometry.clearance(x, y, cellW) <= cellW / 2 ? '#' : '.';
        }
      }
      for (ArenaObject o : a.objects()) {
        mark(grid, o.position().xM(), o.position().yM(), a, cellW, cellH, label(o));
      }
      for (Pose2d s : a.starts()) {
        mark(grid, s.xM(), s.yM(), a, cellW, cellH, 'S');
      }
      for (char[] row : grid) {
        out.println(new String(row));
      }
    }

    private static char label(ArenaObject o) {
      char first = Character.toUpperCase(o.label().charAt(0));
      return first == 'S' || first == '#' ? '*' : first;
    }

    private static void mark(
        char[][] grid, double x, double y, Arena a, double cellW, double cellH, char symbol) {
      int c = (int) Math.floor(x / cellW);
      int r = (int) Math.floor((a.heightM() - y) / cellH);
      if (r >= 0 && r < grid.length && c >= 0 && c < grid[r].length) {
        grid[r][c] = symbol;
      }
    }
  }
}
