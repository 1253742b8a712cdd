package dev.llmos.app.develop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.app.mcp.AgentCreator;
import dev.llmos.app.mcp.McpToolbox;
import dev.llmos.kernel.catalog.AgentKind;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.llm.anthropic.AnthropicDevelopmentModel;
import dev.llmos.llm.anthropic.AnthropicSettings;
import dev.llmos.llm.standin.MessagesStandIn;
import dev.llmos.llm.standin.MessagesStandIn.Answer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemAgentWorkflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Workspace workspace;
  private final StringWriter progress = new StringWriter();

  @BeforeEach
  void setUp() {
    workspace = Workspace.init(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
  }

  /** A valid robot agent: the shipped wall-avoider under a new name. */
  private String roamer() {
    String text =
        Catalog.load(workspace.volumes(), workspace.kernel().settings())
            .agent("wall-avoider")
            .orElseThrow()
            .document()
            .text();
    return text.replace("name: wall-avoider", "name: desk-roamer");
  }

  private static ObjectNode input(String... pairs) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      node.put(pairs[i], pairs[i + 1]);
    }
    return node;
  }

  /** The MCP server's tools, with the offline composer; simulations are not asked for here. */
  private McpToolbox toolbox() {
    return new McpToolbox(
        () -> workspace,
        AgentCreator.offline(),
        (ws, agent, arena, seed, durationS) -> {
          throw new AssertionError("no simulation in these tests");
        });
  }

  private WorkflowOutcome run(MessagesStandIn standIn) {
    try (AnthropicDevelopmentModel model =
        new AnthropicDevelopmentModel(
            "sk-ant-test",
            AnthropicSettings.DEFAULTS
                .withBaseUrl(standIn.baseUrl())
                .withTimeout(Duration.ofSeconds(10))
                .withMaxRetries(0))) {
      return SystemAgentWorkflow.run(
          workspace,
          "roam around my desk without bumping into things",
          model,
          toolbox(),
          new PrintWriter(progress));
    }
  }

  @Test
  void discoversSearchesWritesARobotAgentAndFinishes() throws IOException, GitAPIException {
    try (MessagesStandIn standIn =
        MessagesStandIn.start(
            List.of(
                MessagesStandIn.reply()
                    .text("Looking around first.")
                    .toolUse("t1", "list_agents", JSON.createObjectNode())
                    .toolUse("t2", "search_skills", input("query", "avoid obstacles roam"))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse(
                        "t3",
                        "write_agent",
                        input("text", roamer(), "message", "Add desk-roamer for desk roaming"))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse("p1", "submit_plan", plan("behaviour", "desk-roamer", "created"))
                    .stop("tool_use"),
                MessagesStandIn.reply().text("Built: desk-roamer.").stop("end_turn")))) {
      WorkflowOutcome outcome = run(standIn);

      assertThat(outcome.ending()).isEqualTo(WorkflowOutcome.Ending.FINISHED);
      assertThat(outcome.finalText()).isEqualTo("Built: desk-roamer.");
      assertThat(outcome.written())
          .containsExactly(new WrittenAgent("desk-roamer", AgentKind.ROBOT, VolumeKind.USER));
      assertThat(outcome.turns()).isEqualTo(4);
      assertThat(outcome.toolCalls()).isEqualTo(4);
      assertThat(outcome.inputTokens()).isEqualTo(400);
      assertThat(outcome.outputTokens()).isEqualTo(80);
      assertThat(outcome.summary())
          .contains(
              "finished",
              "user:agents/desk-roamer.md (robot)",
              "plan accepted: behaviour of desk-roamer (created)");
      assertThat(outcome.plan()).isPresent();

      List<MessagesStandIn.Call> calls = standIn.calls();
      assertThat(calls).hasSize(4);
      assertThat(calls.get(3).lastToolResults().get(0).path("is_error").asBoolean()).isFalse();
      JsonNode first = calls.get(0).body();
      assertThat(first.path("system").asText())
          .contains("You are the SystemAgent of LLMos", "at most 12 model turns and 40 tool calls");
      assertThat(first.path("messages").path(0).path("content").path(0).path("text").asText())
          .isEqualTo("roam around my desk without bumping into things");
      assertThat(first.path("tools").findValuesAsText("name"))
          .contains(
              "list_agents",
              "read_agent",
              "search_skills",
              "validate_agent",
              "write_agent",
              "run_simulation",
              "submit_plan");
      // Unattended, Claude gets the SystemAgent's own tools only: no promotion, no skill writes.
      assertThat(first.path("tools").findValuesAsText("name"))
          .doesNotContain("promote", "write_skill");

      List<JsonNode> discovered = calls.get(1).lastToolResults();
      assertThat(discovered)
          .extracting(r -> r.path("tool_use_id").asText())
          .containsExactly("t1", "t2");
      assertThat(discovered.get(0).path("is_error").asBoolean()).isFalse();
      JsonNode agents = JSON.readTree(discovered.get(0).path("content").asText());
      assertThat(agents.findValuesAsText("name")).contains("wall-avoider", "system-agent");
      JsonNode skills = JSON.readTree(discovered.get(1).path("content").asText());
      assertThat(skills.findValuesAsText("name")).contains("obstacle-avoidance");

      JsonNode writeResult = calls.get(2).lastToolResults().get(0);
      assertThat(writeResult.path("is_error").asBoolean()).isFalse();
      JsonNode written = JSON.readTree(writeResult.path("content").asText());
      assertThat(written.path("name").asText()).isEqualTo("desk-roamer");
      assertThat(written.path("volume").asText()).isEqualTo("user");
      assertThat(written.path("committed").asBoolean()).isTrue();

      Path file =
          Workspace.volumeRoot(workspace.root(), VolumeKind.USER).resolve("agents/desk-roamer.md");
      assertThat(Files.readString(file)).isEqualTo(roamer());
      try (Git git = Git.open(Workspace.volumeRoot(workspace.root(), VolumeKind.USER).toFile())) {
        RevCommit head = git.log().setMaxCount(1).call().iterator().next();
        assertThat(head.getFullMessage()).contains("Add desk-roamer for desk roaming");
        assertThat(git.status().call().isClean()).isTrue();
      }
      assertThat(progress.toString())
          .contains("turn 1/12: list_agents, search_skills", "wrote user:agents/desk-roamer.md");
    }
  }

  @Test
  void aValidationErrorGoesBackToTheModelWhichFixesIt() throws IOException {
    String broken = roamer().replace("kind: robot", "kind: robott");
    try (MessagesStandIn standIn =
        MessagesStandIn.start(
            List.of(
                MessagesStandIn.reply()
                    .toolUse("w1", "write_agent", input("text", broken))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse("w2", "write_agent", input("text", roamer()))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse("p1", "submit_plan", plan("behaviour", "desk-roamer", "created"))
                    .stop("tool_use"),
                MessagesStandIn.reply().text("Fixed and built.").stop("end_turn")))) {
      WorkflowOutcome outcome = run(standIn);

      JsonNode refused = standIn.calls().get(1).lastToolResults().get(0);
      assertThat(refused.path("tool_use_id").asText()).isEqualTo("w1");
      assertThat(refused.path("is_error").asBoolean()).isTrue();
      // Line 4, column 7 of the file: the value of kind.
      assertThat(refused.path("content").asText()).contains("invalid document", ":4:7", "kind");
      // The model sees its own failed call before the result.
      JsonNode messages = standIn.calls().get(1).body().path("messages");
      assertThat(messages.path(1).path("content").path(0).path("id").asText()).isEqualTo("w1");

      assertThat(standIn.calls().get(2).lastToolResults().get(0).path("is_error").asBoolean())
          .isFalse();
      assertThat(outcome.ending()).isEqualTo(WorkflowOutcome.Ending.FINISHED);
      assertThat(outcome.written()).extracting(WrittenAgent::name).containsExactly("desk-roamer");
    }
  }

  private void overrideOrchestration(String from, String to) throws IOException {
    String rules =
        new String(
            workspace.volume(VolumeKind.SYSTEM).read("kernel/orchestration-rules.md").orElseThrow(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(rules).contains(from);
    Path override =
        Workspace.volumeRoot(workspace.root(), VolumeKind.USER)
            .resolve("kernel/orchestration-rules.md");
    Files.createDirectories(override.getParent());
    Files.writeString(override, rules.replace(from, to));
    workspace = Workspace.open(workspace.root(), Optional.empty(), Clock.systemUTC());
  }

  /** A submit_plan input: the kind, then name and origin pairs. */
  private static ObjectNode plan(String kind, String... nameOrigin) {
    ObjectNode plan = JSON.createObjectNode().put("kind", kind);
    var agents = plan.putArray("agents");
    for (int i = 0; i < nameOrigin.length; i += 2) {
      agents.addObject().put("name", nameOrigin[i]).put("origin", nameOrigin[i + 1]);
    }
    return plan;
  }

  @Test
  void aProjectNeedsTheKernelsMinimumOfAgentsEachAsItsFileSays() throws IOException {
    try (MessagesStandIn standIn =
        MessagesStandIn.start(
            List.of(
                MessagesStandIn.reply()
                    .toolUse("w1", "write_agent", input("text", roamer()))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse(
                        "p1",
                        "submit_plan",
                        plan("project", "desk-roamer", "created", "safety-reviewer", "reused"))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse(
                        "p2",
                        "submit_plan",
                        plan(
                            "project",
                            "desk-roamer",
                            "copied",
                            "safety-reviewer",
                            "reused",
                            "no-such-agent",
                            "created"))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse(
                        "p3",
                        "submit_plan",
                        plan(
                            "project",
                            "desk-roamer",
                            "created",
                            "safety-reviewer",
                            "reused",
                            "memory-analyst",
                            "reused"))
                    .stop("tool_use"),
                MessagesStandIn.reply().text("Built a project of three.").stop("end_turn")))) {
      WorkflowOutcome outcome = run(standIn);

      String tooFew = standIn.calls().get(2).lastToolResults().get(0).path("content").asText();
      assertThat(tooFew)
          .contains("plan refused", "at least 3 agents (orchestration.min_agents_per_project)");
      String wrong = standIn.calls().get(3).lastToolResults().get(0).path("content").asText();
      assertThat(wrong)
          .contains(
              "'desk-roamer' says origin: created in its file, not copied",
              "'no-such-agent' is not in the volumes");
      JsonNode accepted = standIn.calls().get(4).lastToolResults().get(0);
      assertThat(accepted.path("is_error").asBoolean()).isFalse();
      assertThat(outcome.plan().orElseThrow().agents()).hasSize(3);
      assertThat(outcome.summary()).contains("plan accepted: project of desk-roamer (created)");
    }
  }

  @Test
  void aReplyCutOffWithACallInItHasTheCallAnsweredNotRun() throws IOException {
    try (MessagesStandIn standIn =
        MessagesStandIn.start(
            List.of(
                MessagesStandIn.reply()
                    .toolUse("c1", "write_agent", input("text", roamer()))
                    .stop("max_tokens"),
                MessagesStandIn.reply()
                    .toolUse("w1", "write_agent", input("text", roamer()))
                    .stop("tool_use"),
                MessagesStandIn.reply()
                    .toolUse("p1", "submit_plan", plan("behaviour", "desk-roamer", "created"))
                    .stop("tool_use"),
                MessagesStandIn.reply().text("Built.").stop("end_turn")))) {
      WorkflowOutcome outcome = run(standIn);

      // The cut-off call is answered in the very next user turn, with a plan reminder beside it.
      JsonNode answered = standIn.calls().get(1).lastToolResults().get(0);
      assertThat(answered.path("tool_use_id").asText()).isEqualTo("c1");
      assertThat(answered.path("is_error").asBoolean()).isTrue();
      assertThat(answered.path("content").asText()).contains("cut off", "max_tokens");
      JsonNode messages = standIn.calls().get(1).body().path("messages");
      assertThat(messages.get(messages.size() - 1).toString()).contains("submit_plan");
      // Only the resent call wrote the agent.
      assertThat(outcome.written()).extracting(WrittenAgent::name).containsExactly("desk-roamer");
      assertThat(outcome.plan()).isPresent();
    }
  }

  private static Answer listAgentsTurn(String... ids) {
    MessagesStandIn.Reply reply = MessagesStandIn.reply();
    for (String id : ids) {
      reply.toolUse(id, "list_agents", JSON.createObjectNode());
    }
    return reply.stop("tool_use");
  }

  @Test
  void theKernelsIterationBoundStopsTheLoop() throws IOException {
    overrideOrchestration("max_iterations: 12", "max_iterations: 2");
    try (MessagesStandIn standIn =
        MessagesStandIn.start(
            List.of(listAgentsTurn("a"), listAgentsTurn("b"), listAgentsTurn("c")))) {
      WorkflowOutcome outcome = run(standIn);

      assertThat(outcome.ending()).isEqualTo(WorkflowOutcome.Ending.ITERATION_BOUND);
      assertThat(outcome.turns()).isEqualTo(2);
      assertThat(outcome.toolCalls()).isEqualTo(2);
      assertThat(outcome.summary())
          .contains(
              "bound of 2 model turns (orchestration.max_iterations)", "no agent was written");
      assertThat(standIn.calls()).hasSize(2);
      assertThat(standIn.calls().get(0).body().path("system").asText())
          .contains("at most 2 model turns");
    }
  }

  @Test
  void theKernelsToolCallBoundStopsTheLoop() throws IOException {
    overrideOrchestration("max_tool_calls: 40", "max_tool_calls: 3");
    try (MessagesStandIn standIn =
        MessagesStandIn.start(
            List.of(listAgentsTurn("a", "b"), listAgentsTurn("c", "d"), listAgentsTurn("e")))) {
      WorkflowOutcome outcome = run(standIn);

      assertThat(outcome.ending()).isEqualTo(WorkflowOutcome.Ending.TOOL_CALL_BOUND);
      assertThat(outcome.toolCalls()).isEqualTo(3);
      assertThat(outcome.turns()).isEqualTo(2);
      assertThat(outcome.summary())
          .contains("bound of 3 tool calls (orchestration.max_tool_calls)");
      assertThat(standIn.calls()).hasSize(2);
    }
  }

  @Test
  void theSystemVolumeIsNeverWritten() throws IOException {
    try (MessagesStandIn standIn =
        MessagesStandIn.start(
            List.of(
                MessagesStandIn.reply()
                    .toolUse("s1", "write_agent", input("text", roamer(), "volume", "system"))
                    .stop("tool_use"),
                MessagesStandIn.reply().text("Could not write.").stop("end_turn"),
                MessagesStandIn.reply().text("Still nothing to deliver.").stop("end_turn")))) {
      WorkflowOutcome outcome = run(standIn);

      // Ending without a plan earns one reminder; ending again finishes with none accepted.
      JsonNode reminder = standIn.calls().get(2).body().path("messages");
      assertThat(reminder.get(reminder.size() - 1).toString()).contains("submit_plan");
      assertThat(outcome.plan()).isEmpty();
      assertThat(outcome.summary()).contains("no plan was accepted");

      JsonNode refused = standIn.calls().get(1).lastToolResults().get(0);
      assertThat(refused.path("is_error").asBoolean()).isTrue();
      assertThat(refused.path("content").asText()).contains("system volume is read-only");
      assertThat(outcome.written()).isEmpty();
      assertThat(
              Catalog.load(workspace.volumes(), workspace.kernel().settings()).agent("desk-roamer"))
          .isEmpty();
    }
  }

  @Test
  void unknownToolsAndBadInputAreErrorsTheModelCanRead() {
    McpToolbox toolbox = toolbox();
    ToolOutcome unknown = toolbox.call("fly_drone", JSON.createObjectNode());
    assertThat(unknown.isError()).isTrue();
    assertThat(unknown.content())
        .contains("no tool named 'fly_drone'", "write_agent", "run_simulation");
    ToolOutcome missing = toolbox.call("read_agent", JSON.createObjectNode());
    assertThat(missing.isError()).isTrue();
    assertThat(missing.content()).contains("'name'");
    assertThat(
            StreamSupport.stream(
                    toolbox.tools().stream()
                        .filter(t -> t.name().equals("read_agent"))
                        .findFirst()
                        .orElseThrow()
                        .inputSchema()
                        .path("required")
                        .spliterator(),
                    false)
                .map(JsonNode::asText))
        .containsExactly("name");
  }
}
