package dev.llmos.app.develop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.kernel.catalog.AgentSchema;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.CatalogWriter;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.memory.MemoryHit;
import dev.llmos.kernel.memory.MemoryStore;
import dev.llmos.kernel.search.SkillHit;
import dev.llmos.kernel.search.SkillSearch;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.llm.anthropic.ToolDefinition;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SystemAgent's tools over a workspace: discover agents and skills, recall memory, validate
 * agents, and write validated agents into the user (or team) volume, one commit each. The system
 * volume is never written.
 */
public final class WorkspaceToolbox implements Toolbox {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_LIMIT = 5;

  private final Workspace workspace;
  private final KernelSettings settings;
  private final List<ToolDefinition> tools;

  public WorkspaceToolbox(Workspace workspace) {
    this.workspace = workspace;
    this.settings = workspace.kernel().settings();
    this.tools =
        List.of(
            tool("list_agents", "Lists every agent: name, kind, volume, version, description."),
            tool(
                "read_agent",
                "Reads an agent's markdown file (frontmatter and body).",
                required("name", "the agent's name")),
            tool("list_skills", "Lists every skill: name, volume, description."),
            tool("read_skill", "Reads a skill's SKILL.md.", required("name", "the skill's name")),
            tool(
                "search_skills",
                "Finds the skills that best match a request in plain words, best first.",
                required("query", "what the robot should do, in the person's words"),
                integer("limit", "the most results, default 5")),
            tool(
                "query_memory",
                "Recalls past runs and learnings relevant to a goal or environment.",
                required("query", "a few precise words"),
                integer("limit", "the most results, default 5")),
            tool(
                "validate_agent",
                "Validates an agent file without writing it; every problem is reported with its"
                    + " line and column.",
                required("content", "the whole agent file: --- frontmatter --- and body")),
            tool(
                "write_agent",
                "Validates an agent file and, if valid, writes it to agents/<name>.md of the user"
                    + " volume (or team) as one git commit. An existing file is never replaced.",
                required("content", "the whole agent file: --- frontmatter --- and body"),
                optional("why", "the commit message: what this agent is and why it was written"),
                optional("volume", "user (default) or team")));
  }

  @Override
  public List<ToolDefinition> tools() {
    return tools;
  }

  @Override
  public ToolOutcome call(String name, JsonNode input) {
    try {
      return switch (name) {
        case "list_agents" -> ToolOutcome.ok(listAgents());
        case "read_agent" -> readAgent(text(input, "name"));
        case "list_skills" -> ToolOutcome.ok(listSkills());
        case "read_skill" -> readSkill(text(input, "name"));
        case "search_skills" -> ToolOutcome.ok(searchSkills(text(input, "query"), limit(input)));
        case "query_memory" -> ToolOutcome.ok(queryMemory(text(input, "query"), limit(input)));
        case "validate_agent" -> validateAgent(text(input, "content"));
        case "write_agent" ->
            writeAgent(
                text(input, "content"),
                input.path("why").asText(""),
                input.path("volume").asText("user"));
        default ->
            ToolOutcome.error(
                "there is no tool '"
                    + name
                    + "' here; the tools are "
                    + tools.stream().map(ToolDefinition::name).collect(Collectors.joining(", ")));
      };
    } catch (InvalidDocumentException e) {
      return ToolOutcome.error(problems("the agent is not valid", e.problems()));
    } catch (IllegalArgumentException | VolumeException e) {
      return ToolOutcome.error(name + ": " + e.getMessage());
    }
  }

  private Catalog catalog() {
    return Catalog.load(workspace.volumes(), settings);
  }

  private String listAgents() {
    ArrayNode list = JSON.createArrayNode();
    for (AgentSpec agent : catalog().agents()) {
      list.addObject()
          .put("name", agent.name())
          .put("kind", agent.kind().label())
          .put("volume", agent.volume().label())
          .put("version", agent.version())
          .put("description", agent.description());
    }
    return list.toString();
  }

  private ToolOutcome readAgent(String name) {
    return catalog()
        .agent(name)
        .map(a -> ToolOutcome.ok(a.volume().label() + ":" + a.path() + "\n" + a.document().text()))
        .orElseGet(() -> ToolOutcome.error("there is no agent '" + name + "'; see list_agents"));
  }

  private String listSkills() {
    ArrayNode list = JSON.createArrayNode();
    for (SkillSpec skill : catalog().skills()) {
      list.addObject()
          .put("name", skill.name())
          .put("volume", skill.volume().label())
          .put("description", skill.description());
    }
    return list.toString();
  }

  private ToolOutcome readSkill(String name) {
    return catalog()
        .skill(name)
        .map(s -> ToolOutcome.ok(s.volume().label() + ":" + s.path() + "\n" + s.document().text()))
        .orElseGet(() -> ToolOutcome.error("there is no skill '" + name + "'; see list_skills"));
  }

  private String searchSkills(String query, int limit) {
    ArrayNode list = JSON.createArrayNode();
    try (SkillSearch search = SkillSearch.of(catalog())) {
      for (SkillHit hit : search.search(query, limit)) {
        list.addObject()
            .put("name", hit.name())
            .put("score", Math.round(hit.score() * 1000) / 1000.0)
            .put("volume", hit.volume().label())
            .put("description", hit.description());
      }
    }
    return list.toString();
  }

  private String queryMemory(String query, int limit) {
    ArrayNode list = JSON.createArrayNode();
    for (MemoryHit hit : new MemoryStore(workspace).query(query, limit)) {
      list.addObject()
          .put("kind", hit.kind().name().toLowerCase(Locale.ROOT))
          .put("id", hit.id())
          .put("goal", hit.goal())
          .put("time", hit.time().toString())
          .put("summary", hit.summary());
    }
    return list.toString();
  }

  private ToolOutcome validateAgent(String content) {
    MarkdownDocument doc = MarkdownDocument.parse("content", content);
    String name = doc.fields().string("name");
    AgentSpec spec =
        AgentSchema.read(
            doc.withSource(VolumeKind.USER.label() + ":" + AgentSpec.pathOf(name)),
            name,
            VolumeKind.USER,
            catalog().skillNames(),
            settings);
    return ToolOutcome.ok(
        "valid: " + spec.kind().label() + " agent " + spec.name() + " version " + spec.version());
  }

  private ToolOutcome writeAgent(String content, String why, String volumeLabel) {
    VolumeKind target = VolumeKind.parse(volumeLabel);
    if (target == VolumeKind.SYSTEM) {
      return ToolOutcome.error(
          "write_agent: the system volume ships with LLMos and is never written; write to the"
              + " user volume (the default) or team");
    }
    MarkdownDocument doc = MarkdownDocument.parse("content", content);
    String message =
        why.isBlank() ? "SystemAgent: write agent " + doc.fields().string("name") : why.strip();
    AgentSpec spec =
        new CatalogWriter(workspace.volumes(), settings).writeAgent(target, doc, message);
    return ToolOutcome.wrote(
        "written and committed: " + target.label() + ":" + spec.path(),
        new WrittenAgent(spec.name(), spec.kind(), target));
  }

  private static String problems(String what, List<Problem> problems) {
    return what
        + "; fix every problem and try again:\n"
        + problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n"));
  }

  private static String text(JsonNode input, String field) {
    JsonNode value = input.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("the input needs '" + field + "', a non-empty string");
    }
    return value.asText();
  }

  private static int limit(JsonNode input) {
    JsonNode value = input.path("limit");
    if (value.isMissingNode() || value.isNull()) {
      return DEFAULT_LIMIT;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("'limit' must be a whole number, got " + value);
    }
    return value.asInt();
  }

  private static ToolDefinition tool(String name, String description, ObjectNode... properties) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    ArrayNode required = JSON.createArrayNode();
    for (ObjectNode property : properties) {
      String field = property.remove("name").asText();
      boolean isRequired = property.remove("required").asBoolean();
      props.set(field, property);
      if (isRequired) {
        required.add(field);
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return new ToolDefinition(name, description, schema);
  }

  private static ObjectNode required(String name, String description) {
    return stringProperty(name, description, true);
  }

  private static ObjectNode optional(String name, String description) {
    return stringProperty(name, description, false);
  }

  private static ObjectNode stringProperty(String name, String description, boolean required) {
    return JSON.createObjectNode()
        .put("name", name)
        .put("required", required)
        .put("type", "string")
        .put("description", description);
  }

  private static ObjectNode integer(String name, String description) {
    return JSON.createObjectNode()
        .put("name", name)
        .put("required", false)
        .put("type", "integer")
        .put("minimum", 1)
        .put("description", description);
  }
}
