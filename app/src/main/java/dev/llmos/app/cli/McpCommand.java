package dev.llmos.app.cli;

import dev.llmos.app.mcp.AgentCreator;
import dev.llmos.app.mcp.LlmosMcpServer;
import dev.llmos.app.mcp.SimulationLauncher;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.agent.RunControl;
import dev.llmos.sim.arena.Arena;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llmos mcp}: this workspace as an MCP server over stdio, for coding agents. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve this workspace to an MCP client (Claude Code, an IDE) over stdin/stdout until the",
      "client closes stdin: tools to list, read, validate and write agents and skills, search",
      "skills, query memory, run agents in simulation, read runs and promote; the kernel files",
      "as resources. Writes go to the user (or team) volume, one commit each; the system volume",
      "is read-only. Logs go to stderr; stdout carries only the protocol.",
      "",
      "Claude Code starts it from a .mcp.json in the project:",
      "  {\"mcpServers\": {\"llmos\": {\"command\": \"llmos\", \"args\": [\"mcp\"],",
      "                            \"env\": {\"LLMOS_WORKSPACE\": \"/path/to/workspace\"}}}}",
      "or: claude mcp add llmos -- llmos -w /path/to/workspace mcp. See docs/mcp.md."
    })
final class McpCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    WorkspaceOptions options = WorkspaceOptions.of(spec);
    // Fails now, before the protocol starts, when there is no workspace.
    options.open();
    String version =
        Optional.ofNullable(LlmosCommand.class.getPackage().getImplementationVersion())
            .orElse("development");
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    PrintStream stdout = System.out;
    // Anything printed by accident would corrupt the protocol; it goes to stderr instead.
    System.setOut(System.err);
    try {
      new LlmosMcpServer(options::open, AgentCreator.offline(), McpCommand::simulate)
          .serve(version, new FileInputStream(FileDescriptor.in), protocol);
    } finally {
      System.setOut(stdout);
    }
    return ExitCodes.OK;
  }

  /** A simulated run as {@code llmos run} makes one: offline, at full speed, recorded. */
  static SimulationLauncher.Finished simulate(
      Workspace workspace, AgentSpec agent, Arena arena, long seed, double durationS)
      throws IOException, InterruptedException {
    String runId = RunCommand.uniqueRunId(workspace.runsDirectory(), agent.name(), "-s" + seed);
    return new SimulationLauncher.Finished(
        runId,
        SimulatedRun.run(
            agent,
            workspace.kernel().safety(),
            workspace.runsDirectory(),
            runId,
            arena,
            seed,
            durationS,
            new RunControl(0),
            (record, map) -> {},
            Optional.empty()));
  }
}
