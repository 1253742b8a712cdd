package dev.llmos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmos mcp} as a real MCP host sees it: the official MCP TypeScript SDK client, installed
 * from the npm registry, spawns {@code bin/llmos mcp} and calls every tool (see {@code
 * mcp/client.mjs}).
 */
class McpServerIT {
  /** The client SDK, pinned so the test means the same thing on every machine. */
  static final String CLIENT_SDK = "@modelcontextprotocol/sdk@1.32.2";

  private static final Path LAUNCHER = Path.of("..", "bin", "llmos").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Ran(int exitCode, String out, String err) {}

  private Ran run(Path workDir, long timeoutS, List<String> command, String workspace)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().put("LLMOS_WORKSPACE", workspace);
    pb.environment().remove("LLMOS_SYSTEM_VOLUME");
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      fail(
          command.get(0)
              + " cannot be started ("
              + e.getMessage()
              + "); this test needs node 18+ and npm on the PATH");
      throw e;
    }
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(
          String.join(" ", command)
              + " did not finish in "
              + timeoutS
              + " s; stderr:\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Ran(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static JsonNode tool(JsonNode result, String key) {
    JsonNode r = result.get(key);
    assertThat(r).as(key).isNotNull();
    return r;
  }

  private static void assertOk(JsonNode result, String key) {
    assertThat(tool(result, key).get("isError").asBoolean())
        .as(key + ": " + result.get(key).get("text").asText())
        .isFalse();
  }

  private static void assertErrorSays(JsonNode result, String key, String... words) {
    JsonNode r = tool(result, key);
    assertThat(r.get("isError").asBoolean()).as(key + " is an error result: " + r).isTrue();
    assertThat(r.get("text").asText()).as(key).contains(words);
  }

  @Test
  void theOfficialTypeScriptClientUsesEveryTool() throws Exception {
    Path workspace = dir.resolve("workspace");
    Ran init = run(dir, 60, List.of("bash", LAUNCHER.toString(), "init"), workspace.toString());
    assertThat(init.exitCode()).as(init.err()).isZero();

    Path client = Files.createDirectories(dir.resolve("client"));
    Ran npm =
        run(
            client,
            180,
            List.of("npm", "install", "--no-audit", "--no-fund", "--silent", CLIENT_SDK),
            workspace.toString());
    assertThat(npm.exitCode())
        .as("npm install %s (needs the npm registry):%n%s", CLIENT_SDK, npm.err())
        .isZero();
    try (InputStream script = McpServerIT.class.getResourceAsStream("/mcp/client.mjs")) {
      assertThat(script).as("test resource mcp/client.mjs").isNotNull();
      Files.copy(script, client.resolve("client.mjs"));
    }

    Ran session =
        run(
            client,
            120,
            List.of("node", "client.mjs", LAUNCHER.toString(), workspace.toString()),
            workspace.toString());
    assertThat(session.exitCode()).as("the client script; stderr:%n%s", session.err()).isZero();
    JsonNode r = JSON.readTree(session.out());

    // Initialised, every tool listed with an object schema naming its required arguments.
    assertThat(r.get("server").get("name").asText()).isEqualTo("llmos");
    List<String> names = new ArrayList<>();
    for (JsonNode t : r.get("tools")) {
      names.add(t.get("name").asText());
      assertThat(t.get("schemaType").asText()).as(t.get("name").asText()).isEqualTo("object");
      assertThat(t.get("description").asText()).isNotBlank();
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "list_agents",
            "read_agent",
            "write_agent",
            "validate_agent",
            "list_skills",
            "read_skill",
            "write_skill",
            "validate_skill",
            "search_skills",
            "query_memory",
            "log_memory",
            "create_agent",
            "run_simulation",
            "read_run",
            "list_promotion_candidates",
            "promote");
    // The /llmos command `llmos init` wrote allows exactly these tools, as Claude Code names them.
    String command = Files.readString(workspace.resolve(".claude/commands/llmos.md"));
    java.util.regex.Matcher allowed =
        java.util.regex.Pattern.compile("(?m)^allowed-tools: (.*)$").matcher(command);
    assertThat(allowed.find()).isTrue();
    assertThat(allowed.group(1).split(",\\s*"))
        .containsExactlyInAnyOrderElementsOf(names.stream().map(n -> "mcp__llmos__" + n).toList());
    for (JsonNode t : r.get("tools")) {
      if (t.get("name").asText().equals("write_agent")) {
        assertThat(t.get("required").toString()).isEqualTo("[\"text\"]");
        assertThat(t.get("properties").toString()).contains("volume", "message");
      }
    }

    // Agents: listed, validated, written (one commit), read back.
    assertOk(r, "listAgents");
    assertThat(r.get("listAgents").get("data").get("agents").toString()).contains("\"explorer\"");
    assertOk(r, "validateAgent");
    assertThat(r.get("validateAgent").get("data").get("valid").asBoolean()).isTrue();
    JsonNode broken = r.get("validateBroken").get("data");
    assertThat(broken.get("valid").asBoolean()).isFalse();
    assertThat(broken.get("problems").get(0).get("line").asInt()).isEqualTo(4);
    assertThat(broken.get("problems").get(0).get("message").asText()).contains("kind");
    assertOk(r, "writeAgent");
    assertThat(r.get("writeAgent").get("data").get("volume").asText()).isEqualTo("user");
    assertThat(r.get("readAgent").get("data").get("volume").asText()).isEqualTo("user");
    assertThat(r.get("readAgent").get("data").get("text").asText()).contains("name: mcp-wanderer");
    assertErrorSays(r, "writeAgentAgain", "already exists", "user");
    assertErrorSays(r, "writeSystem", "volume", "system volume is read-only");
    assertThat(workspace.resolve("volumes/user/agents/mcp-system.md")).doesNotExist();

    // Skills.
    assertOk(r, "listSkills");
    assertThat(r.get("validateSkill").get("data").get("valid").asBoolean()).isTrue();
    assertOk(r, "writeSkill");
    assertThat(r.get("readSkill").get("data").get("volume").asText()).isEqualTo("team");
    JsonNode hits = r.get("searchSkills").get("data").get("skills");
    assertThat(hits.get(0).get("name").asText()).isEqualTo("obstacle-avoidance");

    // A simulated run, read back, remembered.
    assertOk(r, "runAgent");
    JsonNode ran = r.get("runAgent").get("data");
    String runId = ran.get("run_id").asText();
    assertThat(runId).contains("explorer");
    assertThat(ran.get("metrics").get("ticks").asLong()).isGreaterThan(150);
    assertThat(ran.get("memory").asText()).contains("trace");
    assertOk(r, "readRun");
    JsonNode read = r.get("readRun").get("data");
    assertThat(read.get("run_id").asText()).isEqualTo(runId);
    assertThat(read.get("arena").asText()).isEqualTo("office");
    assertThat(read.get("first_decisions")).hasSize(3);
    assertThat(read.get("last_decisions")).hasSize(3);
    assertThat(read.get("summary").get("ticks").asLong())
        .isEqualTo(ran.get("metrics").get("ticks").asLong());
    assertOk(r, "queryMemory");
    assertThat(r.get("queryMemory").get("data").get("results").toString()).contains("explorer");
    // log_memory: one trace, committed, found again by a query; a success out of range refused.
    assertOk(r, "logMemory");
    assertThat(r.get("logMemory").get("data").get("committed").asBoolean()).isTrue();
    assertThat(r.get("recall").get("data").get("results").toString())
        .contains(r.get("logMemory").get("data").get("id").asText());
    assertErrorSays(r, "logMemoryBad", "'success'");

    // Promotion: five good runs qualify the new agent for the team volume.
    for (JsonNode use : r.get("uses")) {
      assertThat(use.get("isError").asBoolean()).as(use.toString()).isFalse();
    }
    assertOk(r, "candidates");
    assertThat(r.get("candidates").get("data").get("qualifying").toString())
        .contains("agent:mcp-wanderer");
    assertOk(r, "promote");
    assertThat(r.get("promote").get("data").get("to").asText()).isEqualTo("team");
    // What write_agent committed, now moved up by the promotion.
    assertThat(Files.readString(workspace.resolve("volumes/team/agents/mcp-wanderer.md")))
        .contains("You drive a small robot");
    assertThat(workspace.resolve("volumes/user/agents/mcp-wanderer.md")).doesNotExist();
    assertErrorSays(r, "promoteSystemItem", "refused");
    // create_agent: the offline composer writes a robot agent, or says what it can do.
    assertOk(r, "createAgent");
    assertThat(r.get("createAgent").get("data").get("name").asText()).isEqualTo("avoid-walls");
    assertThat(Files.readString(workspace.resolve("volumes/user/agents/avoid-walls.md")))
        .contains("goal: avoid_obstacles");
    assertErrorSays(r, "createUnsupported", "ANTHROPIC_API_KEY");

    // Invalid arguments: error results naming the argument.
    assertErrorSays(r, "missingRequired", "missing required argument 'name'");
    assertErrorSays(r, "wrongType", "'duration_s'", "number");
    assertErrorSays(r, "outOfRange", "'duration_s'", "600");
    assertErrorSays(r, "unknownArgument", "unknown argument 'verbose'");
    assertErrorSays(r, "pathAsName", "'name'", "lower-case");
    assertErrorSays(r, "runIdAsPath", "'run_id'");
    assertErrorSays(r, "notRobot", "runtime");

    // The kernel files as resources.
    assertThat(r.get("resources")).hasSize(6);
    assertThat(r.get("resources").toString())
        .contains("llmos://kernel/safety-rules", "text/markdown");
    JsonNode safety = r.get("safetyRules").get(0);
    assertThat(safety.get("mimeType").asText()).isEqualTo("text/markdown");
    assertThat(safety.get("text").asText()).contains("max_wheel_speed_mps");
  }
}
