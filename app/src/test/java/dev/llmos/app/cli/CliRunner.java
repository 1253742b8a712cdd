package dev.llmos.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code llmos} in-process against one workspace and captures what it prints. */
final class CliRunner {
  private final Path workspace;

  CliRunner(Path workspace) {
    this.workspace = workspace;
  }

  /** Runs {@code llmos -w WORKSPACE ARGS...}. */
  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("-w", workspace.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Llmos.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
