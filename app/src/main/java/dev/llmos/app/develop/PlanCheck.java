package dev.llmos.app.develop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.OrchestrationPolicy;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.llm.anthropic.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code submit_plan} tool: the workflow's own, beside the workspace tools. A robot behaviour
 * is one robot agent; a project is at least {@code orchestration.min_agents_per_project} agents,
 * each copied, evolved, created or reused as the kernel's orchestration rules say, and each in the
 * volumes with the origin its file declares.
 */
final class PlanCheck {
  static final String TOOL = "submit_plan";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ORIGINS = Set.of("created", "copied", "evolved", "reused");

  private PlanCheck() {}

  static ToolDefinition definition(OrchestrationPolicy rules) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties
        .putObject("kind")
        .put("type", "string")
        .put(
            "description",
            "behaviour: one robot behaviour, one robot agent; project: several agents working"
                + " together, at least "
                + rules.minAgentsPerProject())
        .putArray("enum")
        .add("behaviour")
        .add("project");
    ObjectNode agent = JSON.createObjectNode().put("type", "object");
    ObjectNode agentProperties = agent.putObject("properties");
    agentProperties.putObject("name").put("type", "string");
    agentProperties
        .putObject("origin")
        .put("type", "string")
        .put("description", "how it came to be: as its file says, or reused as it is")
        .putArray("enum")
        .add("created")
        .add("copied")
        .add("evolved")
        .add("reused");
    agent.putArray("required").add("name").add("origin");
    properties
        .putObject("agents")
        .put("type", "array")
        .put("description", "every agent of the delivery, written already or existing")
        .set("items", agent);
    schema.putArray("required").add("kind").add("agents");
    return new ToolDefinition(
        TOOL,
        "Submit what you deliver, once the agents are written and validated: the workflow checks it"
            + " against the kernel's orchestration rules and only then accepts the request as"
            + " done.",
        schema);
  }

  /** The plan, or the problems that keep it from being accepted. */
  static Result check(JsonNode input, Workspace workspace, OrchestrationPolicy rules) {
    List<String> problems = new ArrayList<>();
    String kind = input.path("kind").asText("");
    if (!kind.equals("behaviour") && !kind.equals("project")) {
      problems.add("'kind' must be behaviour or project, got '" + kind + "'");
    }
    JsonNode list = input.path("agents");
    if (!list.isArray() || list.isEmpty()) {
      problems.add("'agents' must list the agents of the plan");
      return new Result(Optional.empty(), problems);
    }
    Catalog catalog = Catalog.load(workspace.volumes(), workspace.kernel().settings());
    List<Plan.Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int robots = 0;
    for (JsonNode a : list) {
      String name = a.path("name").asText("");
      String origin = a.path("origin").asText("");
      if (!seen.add(name)) {
        problems.add("agent '" + name + "' is listed twice");
        continue;
      }
      Optional<AgentSpec> spec = catalog.agent(name);
      if (spec.isEmpty()) {
        problems.add("agent '" + name + "' is not in the volumes; write it first");
        continue;
      }
      if (!ORIGINS.contains(origin)) {
        problems.add(
            "agent '"
                + name
                + "': origin must be created, copied, evolved or reused, got '"
                + origin
                + "'");
      } else if (!origin.equals("reused") && !origin.equals(spec.get().origin().label())) {
        problems.add(
            "agent '"
                + name
                + "' says origin: "
                + spec.get().origin().label()
                + " in its file, not "
                + origin);
      }
      if (spec.get().runtime().isPresent()) {
        robots++;
      }
      entries.add(new Plan.Entry(name, origin));
    }
    if (robots == 0) {
      problems.add("a plan needs at least one robot agent (an agent with a runtime block)");
    }
    if (kind.equals("behaviour") && robots > 1) {
      problems.add("a robot behaviour is one robot agent; with " + robots + " it is a project");
    }
    if (kind.equals("project") && list.size() < rules.minAgentsPerProject()) {
      problems.add(
          "a project has at least "
              + rules.minAgentsPerProject()
              + " agents (orchestration.min_agents_per_project); this plan has "
              + list.size()
              + ": add specialists, e.g. a safety-reviewer (reused)");
    }
    return problems.isEmpty()
        ? new Result(Optional.of(new Plan(kind, entries)), List.of())
        : new Result(Optional.empty(), problems);
  }

  /** A checked plan, or why not. */
  record Result(Optional<Plan> plan, List<String> problems) {
    String text() {
      return plan.map(p -> "plan accepted: " + p)
          .orElseGet(() -> "plan refused:\n  " + String.join("\n  ", problems));
    }
  }
}
