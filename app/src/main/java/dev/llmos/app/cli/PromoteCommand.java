package dev.llmos.app.cli;

import dev.llmos.kernel.promotion.Candidates;
import dev.llmos.kernel.promotion.Promoter;
import dev.llmos.kernel.promotion.Promotion;
import dev.llmos.kernel.promotion.PromotionCheck;
import dev.llmos.kernel.promotion.PromotionRefusedException;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.workspace.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos promote}: move an agent or skill up a volume when its use record justifies it. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Promote an agent or skill one volume up: user to team, or team to system.",
      "The thresholds are in the kernel file evolution-rules (promotion.*). Promotion into the",
      "system volume needs --approve and --system-volume pointing at a git checkout of it.",
      "With --candidates, list what qualifies and what is close."
    })
final class PromoteCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "The agent's or skill's name.")
  private String name;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "agent or skill, when both have the name.")
  private String kind;

  @Option(
      names = "--candidates",
      description = "List what qualifies for promotion, and what is close.")
  private boolean candidates;

  @Option(names = "--approve", description = "Approve a promotion into the system volume.")
  private boolean approve;

  @Option(
      names = "--approver",
      paramLabel = "WHO",
      description = "Who approves (default: the operating-system user name).")
  private String approver;

  @Override
  public Integer call() {
    if (candidates == (name != null)) {
      throw new ParameterException(spec.commandLine(), "give either NAME or --candidates");
    }
    if (approver != null && !approve) {
      throw new ParameterException(spec.commandLine(), "--approver needs --approve");
    }
    Workspace ws = WorkspaceOptions.of(spec).open();
    Promoter promoter = new Promoter(ws);
    PrintWriter out = spec.commandLine().getOut();
    if (candidates) {
      printCandidates(out, promoter.candidates());
      return ExitCodes.OK;
    }
    UsageKey key = UsageCommand.resolve(Usage.of(ws), name, UsageCommand.kind(kind));
    Optional<String> who =
        approve
            ? Optional.of(Optional.ofNullable(approver).orElse(System.getProperty("user.name")))
            : Optional.empty();
    try {
      Promotion p = promoter.promote(key, who);
      out.println(
          "promoted "
              + key.describe()
              + " from the "
              + p.step().from().label()
              + " volume to the "
              + p.step().to().label()
              + " volume");
      out.println(
          "  evidence: "
              + p.provenance().uses()
              + " uses, "
              + p.provenance().successes()
              + " successes");
      p.provenance().approvedBy().ifPresent(a -> out.println("  approved by: " + a));
      out.println("  " + p.step().to().label() + " commit: " + p.targetCommit());
      out.println("  " + p.step().from().label() + " commit: " + p.removalCommit());
      return ExitCodes.OK;
    } catch (PromotionRefusedException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("refused: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  private static void printCandidates(PrintWriter out, Candidates c) {
    out.println("Qualifying:");
    print(out, c.qualifying(), PromotionCheck::blockers);
    out.println();
    out.println("Close:");
    print(out, c.close(), PromotionCheck::shortfalls);
    out.println();
    out.println(c.qualifying().size() + " qualifying, " + c.close().size() + " close");
  }

  private static void print(
      PrintWriter out,
      List<PromotionCheck> checks,
      java.util.function.Function<PromotionCheck, List<String>> notes) {
    if (checks.isEmpty()) {
      out.println("  none");
      return;
    }
    Table table = new Table("ITEM", "STEP", "EVIDENCE", "NOTE");
    for (PromotionCheck check : checks) {
      table.row(
          check.item().key(),
          check.step().from().label() + " -> " + check.step().to().label(),
          check.evidence().summary(),
          String.join("; ", notes.apply(check)));
    }
    table.print(out);
  }
}
