package dev.llmos.app.cli;

import dev.llmos.kernel.config.MemoryPolicy;
import dev.llmos.kernel.memory.ConsolidationReport;
import dev.llmos.kernel.memory.Consolidator;
import dev.llmos.kernel.memory.DamagedFile;
import dev.llmos.kernel.memory.Learning;
import dev.llmos.kernel.memory.MemoryHit;
import dev.llmos.kernel.memory.MemoryStore;
import dev.llmos.kernel.memory.NewTrace;
import dev.llmos.kernel.memory.Trace;
import dev.llmos.kernel.workspace.Workspace;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos memory}: log work, query what is remembered, consolidate it into learnings. */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description =
        "Memory in the user volume: short-term traces of work (memory/short_term/) and long-term"
            + " learnings consolidated from them (memory/long_term/).",
    subcommands = {
      MemoryCommand.Log.class,
      MemoryCommand.Query.class,
      MemoryCommand.Consolidate.class
    })
final class MemoryCommand {
  private static final int GOAL_WIDTH = 40;

  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = {
        "Remember one piece of work as a short-term trace (one git commit).",
        "Prints the new trace's id, for --parent or --previous of later work."
      })
  static final class Log implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--agent",
        required = true,
        paramLabel = "NAME",
        description = "The agent that did the work.")
    private String agent;

    @Option(
        names = "--goal",
        required = true,
        paramLabel = "TEXT",
        description = "What was asked, in one line.")
    private String goal;

    @Option(
        names = "--outcome",
        required = true,
        paramLabel = "TEXT",
        description = "What happened.")
    private String outcome;

    @Option(
        names = "--success",
        required = true,
        paramLabel = "0..1",
        description = "How well it went: 0 failed, 1 fully succeeded.")
    private double success;

    @Option(
        names = "--duration",
        paramLabel = "SECONDS",
        defaultValue = "0",
        description = "How long the work took, in seconds (default: ${DEFAULT-VALUE}).")
    private double durationS;

    @Option(
        names = "--parent",
        paramLabel = "TRACE",
        description = "The id of the trace this work was part of.")
    private String parent;

    @Option(
        names = "--previous",
        paramLabel = "TRACE",
        description = "The id of the trace of the attempt before this one.")
    private String previous;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Free markdown notes.")
    private String notes;

    @Override
    public Integer call() {
      MemoryStore store = new MemoryStore(WorkspaceOptions.of(spec).open());
      Trace trace =
          store.log(
              new NewTrace(
                  agent,
                  goal,
                  outcome,
                  success,
                  durationS,
                  Optional.ofNullable(parent),
                  Optional.ofNullable(previous),
                  notes));
      spec.commandLine().getOut().println(trace.id());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "query",
      mixinStandardHelpOptions = true,
      description = {
        "Find the memories most relevant to TEXT, short- and long-term together.",
        "Ranked by relevance (BM25), then newest first."
      })
  static final class Query implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to look for.")
    private List<String> words;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description =
            "At most N results (default and maximum: memory.query in kernel/memory-rules.md).")
    private Integer limit;

    @Override
    public Integer call() {
      Workspace ws = WorkspaceOptions.of(spec).open();
      MemoryStore store = new MemoryStore(ws);
      String text = String.join(" ", words);
      List<MemoryHit> hits = limit == null ? store.query(text) : store.query(text, limit);
      PrintWriter out = spec.commandLine().getOut();
      if (hits.isEmpty()) {
        out.println("no memories match '" + text + "'");
      } else {
        Table table = new Table("SCORE", "KIND", "ID", "TIME", "GOAL", "SUMMARY");
        for (MemoryHit h : hits) {
          table.row(
              String.format(Locale.ROOT, "%.3f", h.score()),
              h.kind().label(),
              h.id(),
              h.time().truncatedTo(ChronoUnit.SECONDS),
              cut(h.goal()),
              h.summary());
        }
        table.print(out);
        out.println();
        out.println(hits.size() + " result(s)");
      }
      warnDamaged(spec, store.damaged());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "consolidate",
      mixinStandardHelpOptions = true,
      description = {
        "Learn from goals that recur with success, then prune old traces (one git commit).",
        "Thresholds and retention come from kernel/memory-rules.md. Running it again without",
        "new traces changes nothing."
      })
  static final class Consolidate implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      Workspace ws = WorkspaceOptions.of(spec).open();
      MemoryStore store = new MemoryStore(ws);
      ConsolidationReport report = new Consolidator(store).consolidate();
      MemoryPolicy policy = ws.kernel().memory();
      PrintWriter out = spec.commandLine().getOut();
      if (report.commit().isEmpty()) {
        out.println("memory is already consolidated: no new learnings, nothing to prune");
      } else {
        if (!report.written().isEmpty()) {
          Table table = new Table("ID", "TRACES", "SUCCESS", "BEST AGENT", "GOAL");
          for (Learning l : report.written()) {
            table.row(
                l.id(),
                l.traces(),
                Math.round(l.successRate() * 100) + "%",
                l.bestAgent(),
                l.goal());
          }
          table.print(out);
          out.println();
        }
        out.println(report.written().size() + " learning(s) written");
        out.printf(
            "%d trace(s) pruned: %d older than %d days, %d beyond the newest %d%n",
            report.tracesPruned(),
            report.prunedAsOld().size(),
            policy.shortTermDays(),
            report.prunedOverLimit().size(),
            policy.maxShortTermTraces());
      }
      warnDamaged(spec, report.damaged());
      return ExitCodes.OK;
    }
  }

  private static String cut(String goal) {
    return goal.length() > GOAL_WIDTH ? goal.substring(0, GOAL_WIDTH - 3) + "..." : goal;
  }

  /** Damaged files are skipped, not fatal; say which and why so the person can repair them. */
  private static void warnDamaged(CommandSpec spec, List<DamagedFile> damaged) {
    PrintWriter err = spec.commandLine().getErr();
    for (DamagedFile d : damaged) {
      err.println("warning: skipped damaged user:" + d);
    }
    if (!damaged.isEmpty()) {
      err.println(
          "warning: "
              + damaged.size()
              + " memory file(s) skipped; repair or move them out of memory/ (git history in"
              + " volumes/user keeps earlier versions)");
    }
  }
}
