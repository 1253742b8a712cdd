package dev.llmos.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create_agent with the offline composer this build ships, and with another plugged in. */
class CreateAgentToolTest {
  @TempDir Path dir;
  private Workspace workspace;

  @BeforeEach
  void setUp() {
    workspace = Workspace.init(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
  }

  private CallToolResult create(AgentCreator creator, Map<String, Object> args) {
    LlmosMcpServer server =
        new LlmosMcpServer(
            () -> workspace,
            creator,
            (ws, agent, arena, seed, durationS) -> {
              throw new AssertionError("not run here");
            });
    Tool tool =
        server.tools().stream().filter(t -> t.name().equals("create_agent")).findFirst().get();
    return server.call(tool, args);
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @Test
  void theOfflineComposerWritesARobotAgentOrSaysWhatItCanDo() throws Exception {
    CallToolResult r = create(AgentCreator.offline(), Map.of("description", "avoid walls"));
    assertThat(r.isError()).as(text(r)).isFalse();
    String agent = Files.readString(dir.resolve("ws/volumes/user/agents/avoid-walls.md"));
    assertThat(agent).contains("name: avoid-walls", "origin: created", "goal: avoid_obstacles");
    assertThat(workspace.volume(VolumeKind.USER).history(1).get(0).message())
        .contains("avoid-walls");

    CallToolResult refused =
        create(AgentCreator.offline(), Map.of("description", "make me a sandwich"));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).contains("ANTHROPIC_API_KEY");
  }

  @Test
  void whatAComposerReturnsIsValidatedAndCommitted() throws Exception {
    AgentCreator composer =
        (ws, description, name) -> {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("name", name.orElse("composed"));
          f.put("description", description);
          f.put("kind", "specialist");
          f.put("version", 1);
          f.put("origin", "created");
          return MarkdownDocument.of("composed.md", f, "# Composed\n\nDo the work.\n");
        };
    CallToolResult r =
        create(composer, Map.of("description", "Reviews traces.", "name", "trace-reader"));
    assertThat(r.isError()).as(text(r)).isFalse();
    assertThat(Files.readString(dir.resolve("ws/volumes/user/agents/trace-reader.md")))
        .contains("description: Reviews traces.");
    assertThat(workspace.volume(VolumeKind.USER).history(1).get(0).message())
        .contains("trace-reader", "Reviews traces.");

    CallToolResult invalid =
        create(
            (ws, description, name) ->
                MarkdownDocument.of("x.md", Map.of("name", "broken"), "body\n"),
            Map.of("description", "Anything."));
    assertThat(invalid.isError()).isTrue();
    assertThat(text(invalid)).startsWith("invalid document:").contains("description");
    assertThat(dir.resolve("ws/volumes/user/agents/broken.md")).doesNotExist();
  }
}
