package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.CatalogWriter;
import dev.llmos.kernel.compose.AgentComposer;
import dev.llmos.kernel.compose.Composition;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
      "agent and commits it to the user volume."
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

  @Option(names = "--dry-run", description = "Print the agent file; write nothing.")
  private boolean dryRun;

  @Override
  public Integer call() {
    Workspace ws = WorkspaceOptions.of(spec).open();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String key = System.getenv("ANTHROPIC_API_KEY");
    if (key != null && !key.isBlank()) {
      out.println("note: ANTHROPIC_API_KEY is set, but this build composes offline");
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
}
