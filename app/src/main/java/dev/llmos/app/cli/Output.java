package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.document.Problem;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Output shared by the catalog commands. */
final class Output {
  private Output() {}

  static AgentSpec agent(Catalog catalog, String name) {
    return catalog
        .agent(name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no agent named '" + name + "' in any volume; see `llmos agents list`"));
  }

  static SkillSpec skill(Catalog catalog, String name) {
    return catalog
        .skill(name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no skill named '"
                        + name
                        + "' in any volume; see `llmos skills list` or `llmos skills search`"));
  }

  /** Tells, on standard error, which damaged files were skipped. */
  static void reportSkipped(CommandSpec spec, List<Problem> problems, String validateCommand) {
    if (problems.isEmpty()) {
      return;
    }
    PrintWriter err = spec.commandLine().getErr();
    long files = problems.stream().map(p -> p.where().source()).distinct().count();
    err.println(
        "warning: "
            + files
            + " file(s) skipped because they are damaged or invalid; `"
            + validateCommand
            + "` shows why");
  }

  /** Prints the result of a validation and returns its exit code. */
  static int verdict(CommandSpec spec, List<Problem> problems, int checked, String what) {
    if (problems.isEmpty()) {
      spec.commandLine().getOut().println(checked + " " + what + "(s) valid");
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    problems.forEach(p -> err.println("error: " + p));
    long files = problems.stream().map(p -> p.where().source()).distinct().count();
    err.println(problems.size() + " problem(s) in " + files + " file(s)");
    return ExitCodes.FAILED;
  }
}
