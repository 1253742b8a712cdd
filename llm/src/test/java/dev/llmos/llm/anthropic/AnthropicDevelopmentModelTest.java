package dev.llmos.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.llm.standin.MessagesStandIn;
import dev.llmos.llm.standin.MessagesStandIn.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicDevelopmentModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-ant-test-secret-0123456789";

  private static AnthropicDevelopmentModel model(String baseUrl, int retries) {
    return new AnthropicDevelopmentModel(
        KEY,
        AnthropicSettings.DEFAULTS
            .withBaseUrl(baseUrl)
            .withModel("claude-test-model")
            .withTimeout(Duration.ofSeconds(10))
            .withMaxRetries(retries));
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  private static ToolDefinition readAgent() throws IOException {
    return new ToolDefinition(
        "read_agent",
        "Reads an agent file.",
        json(
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
                + "\"required\":[\"name\"]}"));
  }

  private static DevelopmentRequest request(List<ConversationTurn> conversation)
      throws IOException {
    return new DevelopmentRequest("You are the SystemAgent.", conversation, List.of(readAgent()));
  }

  @Test
  void sendsToolsAndToolResultsAndParsesTextToolUseAndUsage() throws IOException {
    try (MessagesStandIn standIn =
            MessagesStandIn.start(
                List.of(
                    MessagesStandIn.reply()
                        .text("Let me look.")
                        .toolUse("toolu_2", "read_agent", json("{\"name\":\"explorer\"}"))
                        .stop("tool_use")));
        AnthropicDevelopmentModel model = model(standIn.baseUrl(), 0)) {
      List<ConversationTurn> conversation =
          List.of(
              ConversationTurn.user("make a patrol robot"),
              new ConversationTurn(
                  ConversationTurn.Role.ASSISTANT,
                  List.of(
                      new ContentBlock.Text("Reading."),
                      new ContentBlock.ToolUse(
                          "toolu_1", "read_agent", json("{\"name\":\"patroller\"}")))),
              new ConversationTurn(
                  ConversationTurn.Role.USER,
                  List.of(new ContentBlock.ToolResult("toolu_1", "no agent patroller", true))));

      AssistantReply reply = model.next(request(conversation));

      assertThat(reply.text()).isEqualTo("Let me look.");
      assertThat(reply.toolUses())
          .containsExactly(
              new ContentBlock.ToolUse("toolu_2", "read_agent", json("{\"name\":\"explorer\"}")));
      assertThat(reply.stopReason()).isEqualTo("tool_use");
      assertThat(reply.inputTokens()).isEqualTo(100);
      assertThat(reply.outputTokens()).isEqualTo(20);
      assertThat(reply.latency()).isPositive();

      MessagesStandIn.Call call = standIn.calls().get(0);
      assertThat(call.headers()).containsEntry("x-api-key", KEY).containsKey("anthropic-version");
      assertThat(call.headers()).doesNotContainKey("authorization");
      JsonNode body = call.body();
      assertThat(body.path("model").asText()).isEqualTo("claude-test-model");
      assertThat(body.path("max_tokens").asInt()).isEqualTo(8192);
      assertThat(body.path("system").asText()).isEqualTo("You are the SystemAgent.");
      JsonNode tool = body.path("tools").path(0);
      assertThat(tool.path("name").asText()).isEqualTo("read_agent");
      assertThat(tool.path("description").asText()).isEqualTo("Reads an agent file.");
      assertThat(tool.path("input_schema")).isEqualTo(readAgent().inputSchema());
      JsonNode messages = body.path("messages");
      assertThat(messages).hasSize(3);
      assertThat(messages.path(0).path("role").asText()).isEqualTo("user");
      assertThat(messages.path(0).path("content").path(0).path("text").asText())
          .isEqualTo("make a patrol robot");
      JsonNode use = messages.path(1).path("content").path(1);
      assertThat(messages.path(1).path("role").asText()).isEqualTo("assistant");
      assertThat(use.path("type").asText()).isEqualTo("tool_use");
      assertThat(use.path("id").asText()).isEqualTo("toolu_1");
      assertThat(use.path("input")).isEqualTo(json("{\"name\":\"patroller\"}"));
      List<JsonNode> results = call.lastToolResults();
      assertThat(results).hasSize(1);
      assertThat(results.get(0).path("tool_use_id").asText()).isEqualTo("toolu_1");
      assertThat(results.get(0).path("content").asText()).isEqualTo("no agent patroller");
      assertThat(results.get(0).path("is_error").asBoolean()).isTrue();
    }
  }

  @Test
  void aRefusedKeyIsNamedWithoutTheKey() throws IOException {
    try (MessagesStandIn standIn =
            MessagesStandIn.start(
                List.of(Answer.error(401, "authentication_error", "invalid x-api-key " + KEY)));
        AnthropicDevelopmentModel model = model(standIn.baseUrl(), 2)) {
      assertThatThrownBy(() -> model.next(request(List.of(ConversationTurn.user("hi")))))
          .isInstanceOfSatisfying(
              DevelopmentModelException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DevelopmentModelException.Kind.AUTHENTICATION);
                assertThat(e.getMessage())
                    .contains("ANTHROPIC_API_KEY", "HTTP 401")
                    .doesNotContain(KEY);
              });
      // A refused key is not retried.
      assertThat(standIn.calls()).hasSize(1);
    }
  }

  @Test
  void rateLimitingIsRetriedThenReported() throws IOException {
    Answer limited = Answer.error(429, "rate_limit_error", "slow down");
    try (MessagesStandIn standIn = MessagesStandIn.start(List.of(limited, limited));
        AnthropicDevelopmentModel model = model(standIn.baseUrl(), 1)) {
      assertThatThrownBy(() -> model.next(request(List.of(ConversationTurn.user("hi")))))
          .isInstanceOfSatisfying(
              DevelopmentModelException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DevelopmentModelException.Kind.RATE_LIMITED);
                assertThat(e.getMessage()).contains("HTTP 429", "slow down", "after 1 retries");
              });
      assertThat(standIn.calls()).hasSize(2);
    }
  }

  @Test
  void aServerErrorIsRetriedAndARecoveryAnswers() throws IOException {
    try (MessagesStandIn standIn =
            MessagesStandIn.start(
                List.of(
                    Answer.error(500, "api_error", "boom"),
                    MessagesStandIn.reply().text("done").stop("end_turn")));
        AnthropicDevelopmentModel model = model(standIn.baseUrl(), 1)) {
      AssistantReply reply = model.next(request(List.of(ConversationTurn.user("hi"))));
      assertThat(reply.text()).isEqualTo("done");
      assertThat(reply.stopReason()).isEqualTo("end_turn");
      assertThat(standIn.calls()).hasSize(2);
    }
  }

  @Test
  void aServerErrorPastTheRetriesIsReported() throws IOException {
    Answer failed = Answer.error(500, "api_error", "internal trouble");
    try (MessagesStandIn standIn = MessagesStandIn.start(List.of(failed, failed));
        AnthropicDevelopmentModel model = model(standIn.baseUrl(), 1)) {
      assertThatThrownBy(() -> model.next(request(List.of(ConversationTurn.user("hi")))))
          .isInstanceOfSatisfying(
              DevelopmentModelException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DevelopmentModelException.Kind.SERVER_ERROR);
                assertThat(e.getMessage()).contains("HTTP 500", "internal trouble", "try again");
              });
    }
  }

  @Test
  void anUnknownModelNamesTheSetting() throws IOException {
    try (MessagesStandIn standIn =
            MessagesStandIn.start(
                List.of(Answer.error(404, "not_found_error", "model: claude-test-model")));
        AnthropicDevelopmentModel model = model(standIn.baseUrl(), 1)) {
      assertThatThrownBy(() -> model.next(request(List.of(ConversationTurn.user("hi")))))
          .isInstanceOfSatisfying(
              DevelopmentModelException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DevelopmentModelException.Kind.REQUEST_REFUSED);
                assertThat(e.getMessage()).contains("HTTP 404", "LLMOS_DEV_MODEL");
              });
    }
  }

  @Test
  void aRefusedConnectionIsReported() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (AnthropicDevelopmentModel model = model("http://127.0.0.1:" + port, 0)) {
      assertThatThrownBy(() -> model.next(request(List.of(ConversationTurn.user("hi")))))
          .isInstanceOfSatisfying(
              DevelopmentModelException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DevelopmentModelException.Kind.UNREACHABLE);
                assertThat(e.getMessage())
                    .contains("could not reach", "127.0.0.1:" + port, "ANTHROPIC_BASE_URL");
              });
    }
  }

  @Test
  void aMissingKeySaysWhatToDo() {
    assertThatThrownBy(
            () -> AnthropicDevelopmentModel.fromEnvironment(Map.of("ANTHROPIC_API_KEY", " ")))
        .isInstanceOfSatisfying(
            DevelopmentModelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DevelopmentModelException.Kind.NO_KEY);
              assertThat(e.getMessage())
                  .contains("ANTHROPIC_API_KEY", "offline composer", "/llmos in Claude Code");
            });
    assertThatThrownBy(() -> AnthropicDevelopmentModel.fromEnvironment(Map.of()))
        .hasMessage(AnthropicDevelopmentModel.MISSING_KEY_MESSAGE);
  }

  @Test
  void theEnvironmentChoosesBaseUrlAndModel() {
    AnthropicSettings settings =
        AnthropicSettings.fromEnvironment(
            Map.of("ANTHROPIC_BASE_URL", "http://proxy.local:9", "LLMOS_DEV_MODEL", "claude-x"));
    assertThat(settings.baseUrl()).isEqualTo("http://proxy.local:9");
    assertThat(settings.model()).isEqualTo("claude-x");
    assertThat(AnthropicSettings.fromEnvironment(Map.of())).isEqualTo(AnthropicSettings.DEFAULTS);
    assertThat(AnthropicSettings.DEFAULTS.baseUrl()).isEqualTo("https://api.anthropic.com");
  }
}
