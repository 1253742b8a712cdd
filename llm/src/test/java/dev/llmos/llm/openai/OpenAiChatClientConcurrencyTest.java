package dev.llmos.llm.openai;

import static dev.llmos.llm.openai.Fixtures.FAST;
import static dev.llmos.llm.openai.Fixtures.HELLO;
import static dev.llmos.llm.openai.Fixtures.endpoint;
import static dev.llmos.llm.openai.Fixtures.failure;
import static dev.llmos.llm.openai.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.standin.StandInServer;
import dev.llmos.llm.standin.StandInServer.Answer;
import dev.llmos.llm.standin.StandInServer.Responder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The concurrency limit, calls that never block the caller, closing, cancelling, accounting. */
class OpenAiChatClientConcurrencyTest {
  private final List<CallRecord> records = new CopyOnWriteArrayList<>();

  @Test
  void keepsAtMostMaxConcurrentRequestsInFlight() throws Exception {
    // The first three are held until all three have arrived, so three were in flight together.
    Answer slow = Answer.content("ok").after(Duration.ofMillis(300));
    try (StandInServer standIn = StandInServer.start(Fixtures.gathering(3, slow));
        OpenAiChatClient client =
            new OpenAiChatClient(endpoint(standIn), FAST.withMaxConcurrent(3))) {
      List<CompletableFuture<ChatReply>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(client.chat(HELLO));
      }
      for (CompletableFuture<ChatReply> call : calls) {
        assertThat(reply(call).text()).isEqualTo("ok");
      }

      assertThat(standIn.calls()).hasSize(8);
      assertThat(standIn.maxInFlight()).isEqualTo(3);
      assertThat(client.stats().successes()).isEqualTo(8);
    }
  }

  @Test
  void sendsAllCallsTogetherWhenTheLimitAllows() throws Exception {
    // Each request is held until all eight have arrived: this passes only if all eight are sent
    // together.
    Answer slow = Answer.content("ok").after(Duration.ofMillis(300));
    try (StandInServer standIn = StandInServer.start(Fixtures.gathering(8, slow));
        OpenAiChatClient client =
            new OpenAiChatClient(endpoint(standIn), FAST.withMaxConcurrent(8))) {
      List<CompletableFuture<ChatReply>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(client.chat(HELLO));
      }
      for (CompletableFuture<ChatReply> call : calls) {
        assertThat(reply(call).text()).isEqualTo("ok");
      }

      assertThat(standIn.maxInFlight()).isEqualTo(8);
    }
  }

  @Test
  void queuesCallsWithoutBlockingTheCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (StandInServer standIn =
            StandInServer.start(Fixtures.heldUntil(release, Answer.content("ok")));
        OpenAiChatClient client =
            new OpenAiChatClient(endpoint(standIn), FAST.withMaxConcurrent(1))) {
      List<CompletableFuture<ChatReply>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        calls.add(client.chat(HELLO));
      }
      // Every chat(...) has returned while the server still holds the first answer.
      assertThat(calls).noneMatch(CompletableFuture::isDone);

      release.countDown();
      for (CompletableFuture<ChatReply> call : calls) {
        assertThat(reply(call).text()).isEqualTo("ok");
      }
      assertThat(standIn.maxInFlight()).isEqualTo(1);
      assertThat(records).isEmpty();
    } finally {
      release.countDown();
    }
  }

  @Test
  void closeCancelsQueuedAndInFlightCalls() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (StandInServer standIn =
        StandInServer.start(Fixtures.heldUntil(release, Answer.content("ok")))) {
      OpenAiChatClient client =
          new OpenAiChatClient(endpoint(standIn), FAST.withMaxConcurrent(1), records::add);
      List<CompletableFuture<ChatReply>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(client.chat(HELLO));
      }
      Fixtures.awaitCalls(standIn, 1);

      client.close();

      for (CompletableFuture<ChatReply> call : calls) {
        assertThat(failure(call).kind()).isEqualTo(ModelException.Kind.CANCELLED);
      }
      ModelException afterwards = failure(client.chat(HELLO));
      assertThat(afterwards.kind()).isEqualTo(ModelException.Kind.CANCELLED);
      assertThat(afterwards.getMessage()).contains("closed");
      assertThat(client.stats().failuresByKind()).containsEntry(ModelException.Kind.CANCELLED, 4L);
      // The first call was in flight; the queued ones and the one after closing were never sent.
      assertThat(records).extracting(CallRecord::attempts).containsExactlyInAnyOrder(1, 0, 0, 0);
      assertThat(standIn.calls()).hasSize(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void cancellingTheFutureEndsTheCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (StandInServer standIn =
            StandInServer.start(Fixtures.heldUntil(release, Answer.content("ok")));
        OpenAiChatClient client =
            new OpenAiChatClient(endpoint(standIn), FAST.withMaxConcurrent(1), records::add)) {
      CompletableFuture<ChatReply> call = client.chat(HELLO);

      assertThat(call.cancel(true)).isTrue();

      assertThat(records)
          .singleElement()
          .satisfies(r -> assertThat(r.failure()).hasValue(ModelException.Kind.CANCELLED));
      release.countDown();
      // The slot is free again: the next call goes through.
      assertThat(reply(client.chat(HELLO)).text()).isEqualTo("ok");
    } finally {
      release.countDown();
    }
  }

  @Test
  void statsAddUpOverSuccessesRetriesAndFailures() throws Exception {
    String garbage = "not a completion";
    try (StandInServer standIn =
            StandInServer.start(
                Responder.sequence(
                    Answer.content("first"),
                    Answer.status(500, "hiccup"),
                    Answer.content("second, after a retry"),
                    Answer.status(400, "bad request"),
                    Answer.raw(garbage)));
        OpenAiChatClient client = new OpenAiChatClient(endpoint(standIn), FAST, records::add)) {
      ChatReply first = reply(client.chat(HELLO));
      ChatReply second = reply(client.chat(HELLO));
      failure(client.chat(HELLO));
      failure(client.chat(HELLO));

      CallStats stats = client.stats();
      assertThat(records).hasSize(4);
      assertThat(stats.calls()).isEqualTo(4);
      assertThat(stats.successes()).isEqualTo(2);
      assertThat(stats.failures()).isEqualTo(2);
      assertThat(stats.retries()).isEqualTo(1);
      assertThat(stats.failuresByKind())
          .containsOnlyKeys(ModelException.Kind.HTTP_ERROR, ModelException.Kind.MALFORMED_RESPONSE);
      assertThat(stats.promptTokens())
          .isEqualTo(first.usage().promptTokens() + second.usage().promptTokens())
          .isEqualTo(200);
      assertThat(stats.completionTokens())
          .isEqualTo(first.usage().completionTokens() + second.usage().completionTokens());
      double total = records.stream().mapToDouble(CallRecord::latencyMs).sum();
      double max = records.stream().mapToDouble(CallRecord::latencyMs).max().orElseThrow();
      // Summed in another order, so equal only up to rounding.
      assertThat(stats.totalLatencyMs()).isCloseTo(total, within(1e-9));
      assertThat(stats.meanLatencyMs()).isCloseTo(total / 4, within(1e-9));
      assertThat(stats.maxLatencyMs()).isEqualTo(max);
      // A reply's latency is its call's, retries included.
      assertThat(records.get(1).latencyMs()).isEqualTo(second.latencyMs());
      assertThat(records.get(1).attempts()).isEqualTo(second.attempts()).isEqualTo(2);
    }
  }
}
