package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.kernel.document.MarkdownDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCodeSetupTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path ws;

  @Test
  void writesTheSlashCommandTheServerRegistrationAndTheGuide() throws Exception {
    List<ClaudeCodeSetup.Outcome> done = ClaudeCodeSetup.write(ws, "/opt/llmos/bin/llmos");
    assertThat(done).extracting(ClaudeCodeSetup.Outcome::what).containsOnly("written");

    String command = Files.readString(ws.resolve(".claude/commands/llmos.md"));
    MarkdownDocument doc = MarkdownDocument.parse(".claude/commands/llmos.md", command);
    assertThat(doc.fields().string("description")).contains("plain-English");
    assertThat(doc.fields().string("allowed-tools").split(",\\s*"))
        .hasSizeGreaterThan(10)
        .allMatch(t -> t.startsWith("mcp__llmos__"))
        .contains(
            "mcp__llmos__create_agent", "mcp__llmos__run_simulation", "mcp__llmos__validate_agent");
    // The SystemAgent workflow, step by step, with the person's words in it.
    assertThat(doc.body())
        .contains("$ARGUMENTS")
        .contains(
            "Discover", "Recall", "Plan", "Compose", "Validate", "Simulate", "Report", "Remember");

    JsonNode server =
        JSON.readTree(ws.resolve(".mcp.json").toFile()).get("mcpServers").get("llmos");
    assertThat(server.get("command").asText()).isEqualTo("/opt/llmos/bin/llmos");
    assertThat(server.get("args").get(0).asText()).isEqualTo("mcp");
    assertThat(server.get("env").get("LLMOS_WORKSPACE").asText())
        .isEqualTo(ws.toAbsolutePath().normalize().toString());

    assertThat(Files.readString(ws.resolve("CLAUDE.md"))).contains("volumes/user/", "/llmos");
  }

  @Test
  void whatAPersonChangedIsKeptAndOtherServersStay() throws Exception {
    Files.writeString(ws.resolve("CLAUDE.md"), "# my notes\n", StandardCharsets.UTF_8);
    Files.writeString(
        ws.resolve(".mcp.json"),
        "{\"mcpServers\": {\"files\": {\"command\": \"files-server\"}}}",
        StandardCharsets.UTF_8);

    List<ClaudeCodeSetup.Outcome> done = ClaudeCodeSetup.write(ws, "llmos");

    assertThat(done)
        .containsExactly(
            new ClaudeCodeSetup.Outcome(".claude/commands/llmos.md", "written"),
            new ClaudeCodeSetup.Outcome("CLAUDE.md", "kept (it exists)"),
            new ClaudeCodeSetup.Outcome(".mcp.json", "llmos added to its servers"));
    assertThat(Files.readString(ws.resolve("CLAUDE.md"))).isEqualTo("# my notes\n");
    JsonNode servers = JSON.readTree(ws.resolve(".mcp.json").toFile()).get("mcpServers");
    assertThat(servers.get("files").get("command").asText()).isEqualTo("files-server");
    assertThat(servers.get("llmos").get("command").asText()).isEqualTo("llmos");

    // Again: nothing changes.
    byte[] before = Files.readAllBytes(ws.resolve(".mcp.json"));
    assertThat(ClaudeCodeSetup.write(ws, "llmos"))
        .extracting(ClaudeCodeSetup.Outcome::what)
        .containsExactly(
            "kept (it exists)", "kept (it exists)", "kept (it registers llmos already)");
    assertThat(Files.readAllBytes(ws.resolve(".mcp.json"))).isEqualTo(before);
  }

  @Test
  void aBrokenMcpConfigIsRefusedNamingTheFileAndLeftAsItWas() throws Exception {
    Files.writeString(ws.resolve(".mcp.json"), "{\"mcpServers\": [", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ClaudeCodeSetup.write(ws, "llmos"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".mcp.json")
        .hasMessageContaining("not valid JSON");
    assertThat(Files.readString(ws.resolve(".mcp.json"))).isEqualTo("{\"mcpServers\": [");
  }

  @Test
  void theLauncherIsBinLlmosWhenItSaysWhereItIsElseLlmosOnThePath() throws Exception {
    Path launcher = Files.createFile(ws.resolve("llmos-launcher"));
    launcher.toFile().setExecutable(true);
    assertThat(ClaudeCodeSetup.launcher(Map.of("LLMOS_LAUNCHER", launcher.toString())))
        .isEqualTo(launcher.toString());
    assertThat(ClaudeCodeSetup.launcher(Map.of("LLMOS_LAUNCHER", "/no/such/file")))
        .isEqualTo("llmos");
    assertThat(ClaudeCodeSetup.launcher(Map.of())).isEqualTo("llmos");
  }
}
