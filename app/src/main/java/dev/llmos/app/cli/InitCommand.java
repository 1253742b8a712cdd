package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llmos init}: creates a workspace. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create a workspace: llmos.yaml, the team and user volumes (git repositories) and runs/,",
      "and for Claude Code the /llmos command (.claude/commands/llmos.md), .mcp.json registering",
      "`llmos mcp`, and CLAUDE.md. Running it again keeps everything and adds what is missing."
    })
final class InitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean existed = WorkspaceOptions.of(spec).exists();
    Workspace ws = WorkspaceOptions.of(spec).init();
    Catalog catalog = Catalog.load(ws.volumes(), ws.kernel().settings());
    out.println(
        (existed ? "Workspace already there, completed: " : "Created workspace: ")
            + ws.root().toAbsolutePath().normalize());
    for (VolumeKind kind : VolumeKind.values()) {
      var volume = ws.volume(kind);
      boolean packaged = volume.root().getFileSystem() != java.nio.file.FileSystems.getDefault();
      out.println(
          "  "
              + kind.label()
              + " volume: "
              + (packaged ? "shipped inside LLMos (read-only)" : volume.root()));
    }
    out.println(
        "  "
            + catalog.agents().size()
            + " agents and "
            + catalog.skills().size()
            + " skills available");
    for (ClaudeCodeSetup.Outcome file :
        ClaudeCodeSetup.write(ws.root(), ClaudeCodeSetup.launcher(System.getenv()))) {
      out.println("  " + file.path() + ": " + file.what());
    }
    out.println(
        "Next: `llmos agents list`, `llmos skills search \"avoid walls\"`, or open Claude Code"
            + " here and type /llmos followed by what the robot should do.");
    return ExitCodes.OK;
  }
}
