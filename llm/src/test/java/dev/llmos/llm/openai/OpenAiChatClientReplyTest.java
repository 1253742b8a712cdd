package dev.llmos.llm.openai;

import static dev.llmos.llm.openai.Fixtures.FAST;
import static dev.llmos.llm.openai.Fixtures.HELLO;
import static dev.llmos.llm.openai.Fixtures.endpoint;
import static dev.llmos.llm.openai.Fixtures.failure;
import static dev.llmos.llm.openai.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.TokenUsage;
import dev.llmos.llm.standin.StandInServer;
import dev.llmos.llm.standin.StandInServer.Answer;
import dev.llmos.llm.standin.StandInServer.Responder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the client makes of the server's answer: replies, and what is not a chat completion. */
class OpenAiChatClientReplyTest {
  @Test
  void readsTextFinishReasonModelAndUsage() throws Exception {
    String text = "{\"action\":\"forward\",\"speed\":0.3}";
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.content(text)));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      ChatReply reply = reply(client.chat(HELLO));

      assertThat(reply.text()).isEqualTo(text);
      assertThat(reply.finishReason()).isEqualTo("stop");
      assertThat(reply.truncated()).isFalse();
      assertThat(reply.model()).isEqualTo(StandInServer.MODEL);
      assertThat(reply.usage()).isEqualTo(new TokenUsage(100, text.length() / 4));
      assertThat(reply.attempts()).isEqualTo(1);
      assertThat(reply.latencyMs()).isPositive();
    }
  }

  @Test
  void readsATruncatedReply() throws Exception {
    try (StandInServer standIn =
            StandInServer.start(Responder.always(Answer.truncated("{\"action\":\"for")));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      ChatReply reply = reply(client.chat(HELLO));

      assertThat(reply.finishReason()).isEqualTo("length");
      assertThat(reply.truncated()).isTrue();
    }
  }

  @Test
  void joinsContentGivenAsAnArrayOfTextParts() throws Exception {
    String body =
        "{\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{"
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"{\\\"a\\\":\"},"
            + "{\"type\":\"text\",\"text\":\"1}\"}]}}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}";
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.raw(body)));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      ChatReply reply = reply(client.chat(HELLO));

      assertThat(reply.text()).isEqualTo("{\"a\":1}");
      assertThat(reply.model()).isEqualTo("m");
      assertThat(reply.usage()).isEqualTo(new TokenUsage(12, 3));
    }
  }

  @Test
  void countsZeroTokensWhenTheServerSaysNothingOfUsage() throws Exception {
    String body = "{\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":\"hi\"}}]}";
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.raw(body)));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      ChatReply reply = reply(client.chat(HELLO));

      assertThat(reply.text()).isEqualTo("hi");
      assertThat(reply.usage()).isEqualTo(TokenUsage.NONE);
      // No model in the answer: the one asked for.
      assertThat(reply.model()).isEqualTo("test-model");
      assertThat(client.stats().promptTokens()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON          | <html>502 Bad Gateway</html>                          | not JSON",
        "not an object     | [1, 2, 3]                                              | not a JSON object",
        "no choices        | {\"id\":\"x\",\"object\":\"chat.completion\"}          | no choices",
        "empty choices     | {\"choices\":[]}                                       | no choices",
        "no message        | {\"choices\":[{\"text\":\"hi\"}]}                      | choices[0].message",
        "content null      | {\"choices\":[{\"message\":{\"content\":null}}]}       | content is null",
        "content missing   | {\"choices\":[{\"message\":{\"role\":\"assistant\"}}]} | content is missing",
        "content a number  | {\"choices\":[{\"message\":{\"content\":42}}]}         | content is not text",
      })
  void failsAsMalformedWithoutRetryingWhenTheAnswerIsNoChatCompletion(
      String what, String body, String said) throws Exception {
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.raw(body)));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).as(what).isEqualTo(ModelException.Kind.MALFORMED_RESPONSE);
      assertThat(failure.status()).hasValue(200);
      assertThat(failure.getMessage()).contains(said).contains(body);
      assertThat(standIn.calls()).hasSize(1);
      assertThat(client.stats().failuresByKind())
          .containsEntry(ModelException.Kind.MALFORMED_RESPONSE, 1L);
    }
  }

  @Test
  void quotesAtMostTwoHundredCharactersOfAMalformedBody() throws Exception {
    String body = "x".repeat(5000);
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.raw(body)));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.MALFORMED_RESPONSE);
      String quoted = failure.getMessage().substring(failure.getMessage().indexOf("body: ") + 6);
      assertThat(quoted).hasSizeLessThanOrEqualTo(200).startsWith("xxxx").endsWith("…");
    }
  }
}
