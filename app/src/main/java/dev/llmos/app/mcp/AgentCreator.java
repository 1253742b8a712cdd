package dev.llmos.app.mcp;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.compose.AgentComposer;
import dev.llmos.kernel.compose.Composition;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.workspace.Workspace;
import java.util.Optional;

/**
 * Composes an agent from a description, for the {@code create_agent} tool. The tool validates what
 * it returns and writes it like {@code write_agent}, so an implementation only composes.
 */
@FunctionalInterface
public interface AgentCreator {
  /**
   * An agent file for the description.
   *
   * @param workspace the workspace it will be written to (its skills, kernel and memory)
   * @param name the name asked for, if any; otherwise the composer chooses one
   * @throws IllegalArgumentException when the description cannot become an agent, saying why
   */
  MarkdownDocument compose(Workspace workspace, String description, Optional<String> name);

  /** The offline composer (the kernel's {@code AgentComposer}): deterministic, no model. */
  static AgentCreator offline() {
    return (workspace, description, name) -> {
      Composition result =
          new AgentComposer(
                  Catalog.load(workspace.volumes(), workspace.kernel().settings()),
                  workspace.kernel().settings())
              .compose(description, name);
      if (result instanceof Composition.Refused refused) {
        throw new IllegalArgumentException(refused.message());
      }
      return ((Composition.Composed) result).document();
    };
  }
}
