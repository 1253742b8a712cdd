package dev.llmos.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;

/** The root of the {@code llmos} command. */
@Command(
    name = "llmos",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "LLMos develops, deploys and evolves AI agents that act in the physical world.",
      "Agents, skills, memory and kernel rules are markdown files in volumes"
          + " (user > team > system)."
    },
    footer = {"", ExitCodes.HELP},
    subcommands = {
      HelpCommand.class,
      InitCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      KernelCommand.class,
      CreateCommand.class,
      AgentsCommand.class,
      SkillsCommand.class,
      UsageCommand.class,
      PromoteCommand.class,
      MemoryCommand.class,
      ArenasCommand.class,
      SimCommand.class,
      RobotCommand.class,
      RunCommand.class,
      ReplayCommand.class,
      BenchCommand.class,
      McpCommand.class,
    })
public final class LlmosCommand {
  @Mixin private WorkspaceOptions workspace;

  WorkspaceOptions workspace() {
    return workspace;
  }
}
