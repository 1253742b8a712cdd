package dev.llmos.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.llm.standin.MessagesStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmos create} with a key: the real launcher (the shaded jar with the Anthropic SDK in it)
 * runs the SystemAgent workflow against a stand-in for the Messages API, which scripts Claude.
 */
class CreateWithClaudeIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "llmos").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void claudeListsRunsAndWritesAnAgentThroughTheTools() throws Exception {
    Path workspace = dir.resolve("ws");
    assertThat(llmos(workspace, null, "init").exitValue()).isZero();
    String agent =
        Files.readString(Path.of("..", "volumes", "system", "agents", "wall-avoider.md"))
            .replace("name: wall-avoider", "name: desk-roamer");
    ObjectNode write = JSON.createObjectNode().put("text", agent);
    ObjectNode run =
        JSON.createObjectNode()
            .put("agent", "desk-roamer")
            .put("arena", "obstacles")
            .put("duration_s", 10);
    ObjectNode plan = JSON.createObjectNode().put("kind", "behaviour");
    plan.putArray("agents").addObject().put("name", "desk-roamer").put("origin", "created");
    try (MessagesStandIn claude =
        MessagesStandIn.start(
            List.of(
                MessagesStandIn.reply()
                    .toolUse("t1", "search_skills", JSON.createObjectNode().put("query", "roam"))
                    .stop("tool_use"),
                MessagesStandIn.reply().toolUse("t2", "write_agent", write).stop("tool_use"),
                MessagesStandIn.reply().toolUse("t3", "run_simulation", run).stop("tool_use"),
                MessagesStandIn.reply().toolUse("t4", "submit_plan", plan).stop("tool_use"),
                MessagesStandIn.reply().text("Built: desk-roamer.").stop("end_turn")))) {
      Process p = llmos(workspace, claude.baseUrl(), "create", "roam around my desk");
      String out = Files.readString(dir.resolve("out.txt"));
      assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("err.txt"))).isZero();
      assertThat(out)
          .contains(
              "SystemAgent workflow",
              "Built: desk-roamer.",
              "finished",
              "plan accepted: behaviour of desk-roamer (created)");
      assertThat(workspace.resolve("volumes/user/agents/desk-roamer.md")).exists();
      // The run Claude asked for happened and its result went back to it.
      String runResult = claude.calls().get(3).lastToolResults().get(0).path("content").asText();
      assertThat(runResult).contains("run_id", "completed");
      try (var runs = Files.list(workspace.resolve("runs"))) {
        assertThat(runs.map(r -> r.getFileName().toString()))
            .anyMatch(r -> r.endsWith("desk-roamer-s1"));
      }
      // The key went in its header only.
      assertThat(claude.calls().get(0).headers()).containsEntry("x-api-key", "sk-ant-stand-in");
    }
  }

  private Process llmos(Path workspace, String baseUrl, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("LLMOS_WORKSPACE", workspace.toString());
    pb.environment().remove("ANTHROPIC_API_KEY");
    if (baseUrl != null) {
      pb.environment().put("ANTHROPIC_API_KEY", "sk-ant-stand-in");
      pb.environment().put("ANTHROPIC_BASE_URL", baseUrl);
    }
    Process p = pb.start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("llmos finished").isTrue();
    return p;
  }
}
