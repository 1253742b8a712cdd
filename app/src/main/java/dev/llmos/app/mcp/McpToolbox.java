package dev.llmos.app.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.app.develop.ToolOutcome;
import dev.llmos.app.develop.Toolbox;
import dev.llmos.app.develop.WrittenAgent;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.llm.anthropic.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The MCP server's tools as the development model's toolbox: Claude through the Anthropic API calls
 * exactly what Claude Code calls through {@code llmos mcp}, with the same checks and errors.
 */
public final class McpToolbox implements Toolbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The tools whose success means an agent was written. */
  private static final Set<String> WRITES_AGENTS = Set.of("write_agent", "create_agent");

  private final Supplier<Workspace> workspace;
  private final LlmosMcpServer server;

  public McpToolbox(Supplier<Workspace> workspace, AgentCreator creator, SimulationLauncher runs) {
    this.workspace = workspace;
    this.server = new LlmosMcpServer(workspace, creator, runs);
  }

  @Override
  public List<ToolDefinition> tools() {
    return server.tools().stream()
        .map(t -> new ToolDefinition(t.name(), t.description(), JSON.valueToTree(t.inputSchema())))
        .toList();
  }

  @Override
  public ToolOutcome call(String name, JsonNode input) {
    Optional<Tool> tool = server.tools().stream().filter(t -> t.name().equals(name)).findFirst();
    if (tool.isEmpty()) {
      return ToolOutcome.error(
          "there is no tool named '"
              + name
              + "'; the tools are "
              + server.tools().stream().map(Tool::name).toList());
    }
    if (input == null || !input.isObject()) {
      return ToolOutcome.error("the input of " + name + " must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> arguments = JSON.convertValue(input, Map.class);
    CallToolResult result = server.call(tool.get(), arguments);
    String text =
        result.content().stream()
            .filter(TextContent.class::isInstance)
            .map(c -> ((TextContent) c).text())
            .reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
    if (Boolean.TRUE.equals(result.isError())) {
      return ToolOutcome.error(text);
    }
    if (WRITES_AGENTS.contains(name) && result.structuredContent() instanceof Map<?, ?> data) {
      String agent = String.valueOf(data.get("name"));
      VolumeKind volume = VolumeKind.parse(String.valueOf(data.get("volume")));
      Workspace ws = workspace.get();
      Optional<AgentSpec> written = Catalog.load(ws.volumes(), ws.kernel().settings()).agent(agent);
      if (written.isPresent()) {
        return ToolOutcome.wrote(text, new WrittenAgent(agent, written.get().kind(), volume));
      }
    }
    return ToolOutcome.ok(text);
  }
}
