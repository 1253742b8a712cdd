package dev.llmos.app.cli;

import dev.llmos.kernel.usage.ItemKind;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageFile;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.usage.UsageRecord;
import dev.llmos.kernel.usage.UsageStats;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos usage}: record and show how often agents and skills were used, and how well. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = {
      "Use statistics of agents and skills, kept per volume in .llmos/usage.json.",
      "They are the evidence `llmos promote` judges."
    },
    subcommands = {UsageCommand.RecordUse.class, UsageCommand.Show.class})
final class UsageCommand {

  /** The item a name on the command line means, or a not-found error naming it. */
  static UsageKey resolve(Usage usage, String name, Optional<ItemKind> kind) {
    return usage
        .resolve(name, kind)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no "
                        + kind.map(ItemKind::label).orElse("agent or skill")
                        + " named '"
                        + name
                        + "' in any volume; see `llmos agents list` and `llmos skills list`"));
  }

  static Optional<ItemKind> kind(String label) {
    return Optional.ofNullable(label).map(ItemKind::parse);
  }

  @Command(
      name = "record",
      mixinStandardHelpOptions = true,
      description = {
        "Record one use of an agent or skill and its outcome, as one commit.",
        "It counts in the volume the item resolves to (system items: the user volume)."
      })
  static final class RecordUse implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The agent's or skill's name.")
    private String name;

    @ArgGroup(multiplicity = "1")
    private Outcome outcome;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "agent or skill, when both have the name.")
    private String kind;

    static final class Outcome {
      @Option(names = "--success", required = true, description = "The use succeeded.")
      boolean success;

      @Option(names = "--failure", required = true, description = "The use failed.")
      boolean failure;
    }

    @Override
    public Integer call() {
      Workspace ws = WorkspaceOptions.of(spec).open();
      Usage usage = Usage.of(ws);
      UsageKey key = resolve(usage, name, kind(kind));
      UsageRecord r = usage.record(key, outcome.success);
      spec.commandLine()
          .getOut()
          .println(
              "recorded: "
                  + r.describe()
                  + " in the "
                  + r.volume().label()
                  + " volume"
                  + r.commit().map(c -> " (commit " + c.substring(0, 12) + ")").orElse(""));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show recorded uses: of every item, or of the named one.")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this agent or skill.")
    private String name;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "agent or skill, when both have the name.")
    private String kind;

    @Override
    public Integer call() {
      Workspace ws = WorkspaceOptions.of(spec).open();
      Usage usage = Usage.of(ws);
      Optional<ItemKind> only = kind(kind);
      Table table = new Table("ITEM", "VOLUME", "USES", "SUCCESS", "FIRST USED", "LAST USED");
      for (Map.Entry<VolumeKind, UsageFile> file : usage.all().entrySet()) {
        for (Map.Entry<UsageKey, UsageStats> e : file.getValue().sorted().entrySet()) {
          UsageKey key = e.getKey();
          boolean wanted =
              (name == null || key.name().equals(name))
                  && (only.isEmpty() || only.get() == key.kind());
          if (wanted) {
            UsageStats s = e.getValue();
            table.row(
                key.key(),
                file.getKey().label(),
                s.uses(),
                s.successes() + " (" + s.successPercent() + "%)",
                s.firstUsed(),
                s.lastUsed());
          }
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (table.size() == 0) {
        out.println(
            name == null ? "no uses recorded yet" : "no uses of '" + name + "' recorded yet");
        return ExitCodes.OK;
      }
      table.print(out);
      out.println();
      out.println(table.size() + " items");
      return ExitCodes.OK;
    }
  }
}
