package dev.llmos.app.develop;

import java.util.List;
import java.util.Objects;

/**
 * What the SystemAgent says it delivers for a request, checked against the kernel's orchestration
 * rules before the workflow accepts it as done.
 *
 * @param kind {@code behaviour} (one robot behaviour) or {@code project} (several agents working
 *     together)
 * @param agents the agents of the plan, each with how it came to be
 */
public record Plan(String kind, List<Entry> agents) {
  /**
   * One agent of a plan.
   *
   * @param name the agent's name in the volumes
   * @param origin {@code created}, {@code copied} or {@code evolved} (as its file says), or {@code
   *     reused} for an existing agent used as it is, such as a shipped specialist
   */
  public record Entry(String name, String origin) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(origin, "origin");
    }
  }

  public Plan {
    Objects.requireNonNull(kind, "kind");
    agents = List.copyOf(agents);
  }

  @Override
  public String toString() {
    return kind
        + " of "
        + String.join(", ", agents.stream().map(a -> a.name() + " (" + a.origin() + ")").toList());
  }
}
