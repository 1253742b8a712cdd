package dev.llmos.llm.openai;

import static dev.llmos.llm.openai.Fixtures.FAST;
import static dev.llmos.llm.openai.Fixtures.HELLO;
import static dev.llmos.llm.openai.Fixtures.endpoint;
import static dev.llmos.llm.openai.Fixtures.failure;
import static dev.llmos.llm.openai.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.standin.StandInServer;
import dev.llmos.llm.standin.StandInServer.Answer;
import dev.llmos.llm.standin.StandInServer.Responder;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Timeouts, retries and backoff. Waits are checked through what the stand-in received and the
 * backoff the client planned (which the settings fix exactly), never by timing.
 */
class OpenAiChatClientRetryTest {
  private final List<CallRecord> records = new CopyOnWriteArrayList<>();

  private OpenAiChatClient client(StandInServer standIn, ClientSettings settings) {
    return new OpenAiChatClient(endpoint(standIn), settings, records::add);
  }

  @Test
  void failsWithTimeoutWhenTheAnswerComesTooLate() throws Exception {
    ClientSettings settings = FAST.withTimeout(Duration.ofMillis(200));
    try (StandInServer standIn =
            StandInServer.start(
                Responder.always(Answer.content("late").after(Duration.ofSeconds(2))));
        OpenAiChatClient client = client(standIn, settings)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
      assertThat(failure.getMessage()).contains("within 200 ms");
      assertThat(standIn.calls()).hasSize(1);
      assertThat(records)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.failure()).hasValue(ModelException.Kind.TIMEOUT);
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.status()).isEmpty();
              });
    }
  }

  @Test
  void retriesAServerErrorAndSucceeds() throws Exception {
    try (StandInServer standIn =
            StandInServer.start(
                Responder.sequence(Answer.status(500, "slot crashed"), Answer.content("ok")));
        OpenAiChatClient client = client(standIn, FAST)) {
      ChatReply reply = reply(client.chat(HELLO));

      assertThat(reply.text()).isEqualTo("ok");
      assertThat(reply.attempts()).isEqualTo(2);
      assertThat(standIn.calls()).hasSize(2);
      assertThat(records.get(0).backoffMs()).isEqualTo(1);
      assertThat(records.get(0).status()).hasValue(200);
      assertThat(client.stats().retries()).isEqualTo(1);
    }
  }

  @Test
  void waitsAsLongAsRetryAfterSaysBeforeRetrying() throws Exception {
    ClientSettings settings = FAST.withBackoff(Duration.ofMillis(1), Duration.ofSeconds(4));
    try (StandInServer standIn =
            StandInServer.start(
                Responder.sequence(
                    Answer.status(429, "slow down").withHeader("Retry-After", "1"),
                    Answer.content("ok")));
        OpenAiChatClient client = client(standIn, settings)) {
      ChatReply reply = reply(client.chat(HELLO));

      assertThat(reply.attempts()).isEqualTo(2);
      assertThat(standIn.calls()).extracting(StandInServer.Call::index).containsExactly(0, 1);
      // One second as the server asked, not the 1 ms base backoff.
      assertThat(records.get(0).backoffMs()).isEqualTo(1000);
    }
  }

  @Test
  void capsRetryAfterAtTheBackoffCap() throws Exception {
    ClientSettings settings = FAST.withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
    try (StandInServer standIn =
            StandInServer.start(
                Responder.sequence(
                    Answer.status(503, "loading model").withHeader("Retry-After", "120"),
                    Answer.content("ok")));
        OpenAiChatClient client = client(standIn, settings)) {
      reply(client.chat(HELLO));

      assertThat(standIn.calls()).hasSize(2);
      assertThat(records.get(0).backoffMs()).isEqualTo(20);
    }
  }

  @Test
  void failsWithTimeoutAtOnceWhenTheWaitWouldPassTheDeadline() throws Exception {
    ClientSettings settings =
        FAST.withTimeout(Duration.ofMillis(500))
            .withBackoff(Duration.ofMillis(1), Duration.ofSeconds(10));
    try (StandInServer standIn =
            StandInServer.start(
                Responder.always(Answer.status(429, "busy").withHeader("Retry-After", "5")));
        OpenAiChatClient client = client(standIn, settings)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
      assertThat(failure.status()).hasValue(429);
      assertThat(failure.getMessage()).contains("retry 1 would start after the deadline", "busy");
      assertThat(standIn.calls()).hasSize(1);
      assertThat(records.get(0).backoffMs()).isZero();
    }
  }

  @Test
  void failsAsRateLimitedAfterEveryRetryIsSpent() throws Exception {
    ClientSettings settings = FAST.withMaxRetries(2);
    try (StandInServer standIn =
            StandInServer.start(Responder.always(Answer.status(429, "quota exceeded")));
        OpenAiChatClient client = client(standIn, settings)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
      assertThat(failure.status()).hasValue(429);
      assertThat(failure.getMessage()).contains("quota exceeded", "3 attempts");
      assertThat(standIn.calls()).hasSize(3);
      assertThat(records.get(0).attempts()).isEqualTo(3);
    }
  }

  @Test
  void backsOffExponentiallyUpToTheCap() throws Exception {
    ClientSettings settings = FAST.withBackoff(Duration.ofMillis(10), Duration.ofMillis(25));
    try (StandInServer standIn =
            StandInServer.start(
                Responder.sequence(
                    Answer.status(502, "a"),
                    Answer.status(502, "b"),
                    Answer.status(502, "c"),
                    Answer.content("ok")));
        OpenAiChatClient client = client(standIn, settings)) {
      ChatReply reply = reply(client.chat(HELLO));

      assertThat(reply.attempts()).isEqualTo(4);
      assertThat(records.get(0).backoffMs()).isEqualTo(10 + 20 + 25);
    }
  }

  @Test
  void failsWithTheServerErrorWhenItPersists() throws Exception {
    try (StandInServer standIn =
            StandInServer.start(Responder.always(Answer.status(503, "model is loading")));
        OpenAiChatClient client = client(standIn, FAST)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.HTTP_ERROR);
      assertThat(failure.status()).hasValue(503);
      assertThat(failure.getMessage()).contains("HTTP 503", "model is loading");
      assertThat(standIn.calls()).hasSize(FAST.maxRetries() + 1);
    }
  }

  @Test
  void failsAtOnceOnABadRequestWithTheServersMessage() throws Exception {
    try (StandInServer standIn =
            StandInServer.start(
                Responder.always(Answer.status(400, "image_url: not a valid JPEG data URL")));
        OpenAiChatClient client = client(standIn, FAST)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.HTTP_ERROR);
      assertThat(failure.status()).hasValue(400);
      assertThat(failure.getMessage())
          .contains("HTTP 400", "image_url: not a valid JPEG data URL", "test-model");
      assertThat(standIn.calls()).hasSize(1);
    }
  }

  @Test
  void failsAtOnceOnAWrongPath() throws Exception {
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.content("ok")));
        OpenAiChatClient client =
            new OpenAiChatClient(
                new ModelEndpoint(
                    ServerPreset.LLAMA_CPP,
                    URI.create(standIn.baseUrl().replace("/v1", "/v2")),
                    "test-model",
                    Optional.empty()),
                FAST)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.HTTP_ERROR);
      assertThat(failure.status()).hasValue(404);
      assertThat(failure.getMessage()).contains("serves POST /v1/chat/completions only");
      assertThat(client.stats().retries()).isZero();
    }
  }

  @Test
  void doesNotRetryWithNoRetriesAllowed() throws Exception {
    try (StandInServer standIn = StandInServer.start(Responder.always(Answer.status(500, "x")));
        OpenAiChatClient client = client(standIn, FAST.withMaxRetries(0))) {
      assertThat(failure(client.chat(HELLO)).kind()).isEqualTo(ModelException.Kind.HTTP_ERROR);
      assertThat(standIn.calls()).hasSize(1);
    }
  }

  @Test
  void failsAsUnreachableWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ModelEndpoint nowhere =
        new ModelEndpoint(
            ServerPreset.LLAMA_CPP,
            URI.create("http://127.0.0.1:" + port + "/v1"),
            "test-model",
            Optional.empty());
    try (OpenAiChatClient client = new OpenAiChatClient(nowhere, FAST, records::add)) {
      ModelException failure = failure(client.chat(HELLO));

      assertThat(failure.kind()).isEqualTo(ModelException.Kind.UNREACHABLE);
      assertThat(failure.status()).isEmpty();
      assertThat(failure.getMessage()).contains("127.0.0.1:" + port);
      // Connection failures are retried like 5xx.
      assertThat(records.get(0).attempts()).isEqualTo(FAST.maxRetries() + 1);
    }
  }
}
