package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.document.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** What a browsing command sees: the kernel read from the volumes in view, and their catalog. */
record CatalogView(KernelConfig kernel, Catalog catalog) {

  /**
   * The robot agent of that name, ready to run.
   *
   * @throws IllegalArgumentException when its file is invalid (each problem with file, line and
   *     column) or it is not a robot agent
   * @throws NotFoundException when there is no such agent
   */
  AgentSpec robotAgent(String name) {
    AgentSpec agent =
        catalog
            .agent(name)
            .orElseThrow(
                () -> {
                  List<Problem> problems =
                      catalog.problems().stream()
                          .filter(p -> p.where().source().endsWith(":agents/" + name + ".md"))
                          .toList();
                  if (!problems.isEmpty()) {
                    return new IllegalArgumentException(
                        "agent "
                            + name
                            + " is invalid, so it was not loaded:\n"
                            + problems.stream()
                                .map(p -> "  " + p)
                                .collect(Collectors.joining("\n")));
                  }
                  return new NotFoundException(
                      "no agent named " + name + "; `llmos agents list` shows them");
                });
    if (agent.runtime().isEmpty()) {
      throw new IllegalArgumentException(
          name + " is not a robot agent (it has no runtime block), so it cannot run a robot");
    }
    return agent;
  }
}
