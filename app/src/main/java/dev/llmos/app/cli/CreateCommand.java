package dev.llmos.app.cli;

import dev.llmos.app.develop.SystemAgentWorkflow;
import dev.llmos.app.develop.WorkflowOutcome;
import dev.llmos.app.mcp.AgentCreator;
import dev.llmos.app.mcp.McpToolbox;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.CatalogWriter;
import dev.llmos.kernel.compose.AgentComposer;
import dev.llmos.kernel.compose.Composition;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.llm.anthropic.AnthropicDevelopmentModel;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos create}: compose a robot agent from a plain-English description. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Compose a robot agent from a description, e.g. llmos create \"avoid walls\".",
      "Offline, it chooses one of the behaviours it knows (avoid obstacles, explore, follow a",
      "wall, find an object, patrol, return home, follow a line, stop when something is close),",
      "fills in what the description says (distance, speed, object, points), validates the",
      "agent and commits it to the user volume. With ANTHROPIC_API_KEY set, Claude runs the",
      "SystemAgent workflow instead (the Messages API with the llmos MCP tools; ANTHROPIC_BASE_URL",
      "and LLMOS_DEV_MODEL change server and model), within the kernel's orchestration bounds."
    })
final class CreateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "DESCRIPTION", description = "What the robot should do, in words.")
  private String description;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The agent's name (default: derived from the description).")
  private String name;

  @Option(names = "--dry-run", description = "Print the agent file; write nothing (offline only).")
  private boolean dryRun;

  @Option(names = "--offline", description = "Compose offline even when ANTHROPIC_API_KEY is set.")
  private boolean offline;

  @Override
  public Integer call() {
    Workspace ws = WorkspaceOptions.of(spec).open();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String key = System.getenv("ANTHROPIC_API_KEY");
    if (key != null && !key.isBlank() && !offline) {
      return withClaude(ws, out);
    }
    Catalog catalog = Catalog.load(ws.volumes(), ws.kernel().settings());
    Composition result =
        new AgentComposer(catalog, ws.kernel().settings())
            .compose(description, Optional.ofNullable(name));
    if (result instanceof Composition.Refused refused) {
      err.println(refused.message());
      return ExitCodes.FAILED;
    }
    Composition.Composed agent = (Composition.Composed) result;
    if (dryRun) {
      out.print(agent.text());
      out.flush();
      return ExitCodes.OK;
    }
    AgentSpec written =
        new CatalogWriter(ws.volumes(), ws.kernel().settings())
            .writeAgent(
                VolumeKind.USER,
                agent.document(),
                "Create agent " + agent.name() + " offline\n\nFrom: " + description.strip());
    out.println("Created agent " + agent.name());
    out.println("  behaviour: " + agent.why());
    out.println("  skills: " + String.join(", ", agent.skills()));
    out.println("  written to " + written.volume().label() + ":" + written.path() + " (committed)");
    out.println("  next: llmos run " + agent.name() + " --arena " + agent.behaviour().arena());
    return ExitCodes.OK;
  }

  /** The SystemAgent workflow on Claude, with the tools Claude Code has through llmos mcp. */
  private int withClaude(Workspace ws, PrintWriter out) {
    if (dryRun || name != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--dry-run and --name are for the offline composer; add --offline, or let Claude name"
              + " and write the agents");
    }
    try (AnthropicDevelopmentModel model =
        AnthropicDevelopmentModel.fromEnvironment(System.getenv())) {
      out.println("Claude (" + model.settings().model() + ") runs the SystemAgent workflow:");
      out.flush();
      WorkflowOutcome outcome =
          SystemAgentWorkflow.run(
              ws,
              description,
              model,
              new McpToolbox(() -> ws, AgentCreator.offline(), McpCommand::simulate),
              out);
      out.println();
      out.println(outcome.finalText());
      out.println(outcome.summary());
      // Done only with a plan the kernel's orchestration rules accept.
      return outcome.plan().isPresent() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
