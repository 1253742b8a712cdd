package dev.llmos.llm.openai;

import static dev.llmos.llm.openai.Fixtures.FAST;
import static dev.llmos.llm.openai.Fixtures.HELLO;
import static dev.llmos.llm.openai.Fixtures.endpoint;
import static dev.llmos.llm.openai.Fixtures.failure;
import static dev.llmos.llm.openai.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.llm.chat.ChatMessage;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.ResponseFormat;
import dev.llmos.llm.standin.StandInServer;
import dev.llmos.llm.standin.StandInServer.Answer;
import dev.llmos.llm.standin.StandInServer.Responder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the client sends: the request body and headers, as a real server receives them. */
class OpenAiChatClientRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"action\":{\"type\":\"string\"}},"
          + "\"required\":[\"action\"],\"additionalProperties\":false}";

  @Test
  void sendsModelMessagesWithTheImageAsADataUrlSamplingAndSeed() throws Exception {
    byte[] jpeg = Fixtures.jpegBytes(7, 300);
    ChatRequest request =
        ChatRequest.of(
                List.of(
                    ChatMessage.system("You drive a robot."),
                    ChatMessage.user("What is ahead?", List.of(new JpegImage(jpeg)))))
            .withTemperature(0.7)
            .withMaxTokens(256)
            .withSeed(42);
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.content("ok")));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      reply(client.chat(request));

      StandInServer.Call call = standIn.calls().get(0);
      assertThat(call.path()).isEqualTo("/v1/chat/completions");
      assertThat(call.headers()).containsEntry("content-type", "application/json");
      JsonNode body = call.body();
      assertThat(body.path("model").asText()).isEqualTo("test-model");
      assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
      assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
      assertThat(body.path("seed").isIntegralNumber()).isTrue();
      assertThat(body.path("seed").asLong()).isEqualTo(42);
      assertThat(body.path("stream").isBoolean()).isTrue();
      assertThat(body.path("stream").asBoolean()).isFalse();
      assertThat(body.has("response_format")).isFalse();

      JsonNode messages = body.path("messages");
      assertThat(messages).hasSize(2);
      assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
      assertThat(messages.get(0).path("content"))
          .isEqualTo(JSON.readTree("[{\"type\":\"text\",\"text\":\"You drive a robot.\"}]"));
      JsonNode user = messages.get(1);
      assertThat(user.path("role").asText()).isEqualTo("user");
      JsonNode parts = user.path("content");
      assertThat(parts).hasSize(2);
      assertThat(parts.get(0).path("type").asText()).isEqualTo("image_url");
      assertThat(parts.get(1))
          .isEqualTo(JSON.readTree("{\"type\":\"text\",\"text\":\"What is ahead?\"}"));

      String url = parts.get(0).path("image_url").path("url").asText();
      assertThat(url).startsWith("data:image/jpeg;base64,");
      assertThat(call.imageUrls()).containsExactly(url);
      byte[] decoded =
          Base64.getDecoder().decode(url.substring("data:image/jpeg;base64,".length()));
      assertThat(decoded).isEqualTo(jpeg);
    }
  }

  @Test
  void leavesOutTheSeedWhenThereIsNone() throws Exception {
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.content("ok")));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      reply(client.chat(HELLO));

      JsonNode body = standIn.calls().get(0).body();
      assertThat(body.has("seed")).isFalse();
      assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
      assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
    }
  }

  @ParameterizedTest
  @EnumSource(ServerPreset.class)
  void sendsTheResponseFormatTheWayEachServerTakesIt(ServerPreset preset) throws Exception {
    ChatRequest request = HELLO.withResponseFormat(new ResponseFormat("robot_action", SCHEMA));
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.content("{}")));
        OpenAiChatClient client =
            new OpenAiChatClient(endpoint(standIn, preset, Optional.of("k")), FAST)) {
      reply(client.chat(request));

      StandInServer.Call call = standIn.calls().get(0);
      JsonNode format = call.body().path("response_format");
      assertThat(format.path("type").asText()).isEqualTo("json_schema");
      JsonNode jsonSchema = format.path("json_schema");
      assertThat(jsonSchema.path("name").asText()).isEqualTo("robot_action");
      assertThat(jsonSchema.path("schema")).isEqualTo(JSON.readTree(SCHEMA));
      if (preset == ServerPreset.OPENROUTER) {
        assertThat(jsonSchema.path("strict").asBoolean()).isTrue();
        assertThat(call.headers()).containsEntry("x-title", "LLMos");
      } else {
        assertThat(jsonSchema.has("strict")).isFalse();
        assertThat(call.headers()).doesNotContainKey("x-title");
      }
    }
  }

  @Test
  void sendsTheKeyAsABearerTokenAndShowsItNowhere() throws Exception {
    String key = "sk-test-0123456789abcdef";
    try (StandInServer standIn =
            StandInServer.start(
                Responder.sequence(
                    Answer.content("ok"),
                    Answer.status(401, "invalid API key " + key + " for this model")));
        OpenAiChatClient client =
            new OpenAiChatClient(endpoint(standIn, ServerPreset.VLLM, Optional.of(key)), FAST)) {
      reply(client.chat(HELLO));
      ModelException refused = failure(client.chat(HELLO));

      assertThat(standIn.calls().get(0).headers()).containsEntry("authorization", "Bearer " + key);
      assertThat(refused.kind()).isEqualTo(ModelException.Kind.HTTP_ERROR);
      assertThat(refused.getMessage()).contains("invalid API key").doesNotContain(key);
      assertThat(refused.toString()).doesNotContain(key);
      assertThat(client.describe()).doesNotContain(key);
      assertThat(client.toString()).doesNotContain(key);
      assertThat(client.endpoint().toString()).doesNotContain(key).contains("apiKey=(set)");
    }
  }

  @Test
  void sendsNoAuthorizationWithoutAKey() throws Exception {
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.content("ok")));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      reply(client.chat(HELLO));

      assertThat(standIn.calls().get(0).headers()).doesNotContainKey("authorization");
    }
  }
}
