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

/** create_agent with the refusing creator this build ships, and with a composer plugged in. */
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
  void withoutAComposerItSaysSo() {
    CallToolResult r = create(AgentCreator.unavailable(), Map.of("description", "Follows walls."));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo("agent composition is not available in this build");
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
