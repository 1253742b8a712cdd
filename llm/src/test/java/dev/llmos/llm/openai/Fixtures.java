package dev.llmos.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmos.llm.chat.ChatMessage;
import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.standin.StandInServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** What the client tests share: fast settings, endpoints on a stand-in, waiting for outcomes. */
final class Fixtures {
  /** Generous for a reply, short retries so that retry tests run fast. */
  static final ClientSettings FAST =
      ClientSettings.DEFAULTS
          .withTimeout(Duration.ofSeconds(10))
          .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

  static final ChatRequest HELLO = ChatRequest.of(List.of(ChatMessage.user("hello")));

  private Fixtures() {}

  static ModelEndpoint endpoint(StandInServer standIn) {
    return endpoint(standIn, ServerPreset.LLAMA_CPP, Optional.empty());
  }

  static ModelEndpoint endpoint(
      StandInServer standIn, ServerPreset preset, Optional<String> apiKey) {
    return new ModelEndpoint(preset, java.net.URI.create(standIn.baseUrl()), "test-model", apiKey);
  }

  static ChatReply reply(CompletableFuture<ChatReply> future) throws Exception {
    return future.get(15, TimeUnit.SECONDS);
  }

  /** The {@link ModelException} the call failed with (failing the test if it did not). */
  static ModelException failure(CompletableFuture<ChatReply> future) {
    Throwable thrown = catchThrowable(() -> future.get(15, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOf(ModelException.class);
    return (ModelException) thrown.getCause();
  }

  /**
   * Answers once {@code count} requests have arrived (or after 10 s), so that those requests are
   * provably in flight together; later requests are answered at once (after the answer's delay).
   */
  static StandInServer.Responder gathering(int count, StandInServer.Answer answer) {
    CountDownLatch arrived = new CountDownLatch(count);
    return call -> {
      arrived.countDown();
      try {
        var unused = arrived.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer;
    };
  }

  /** Holds every answer until {@code release} opens (or 10 s pass). */
  static StandInServer.Responder heldUntil(CountDownLatch release, StandInServer.Answer answer) {
    return call -> {
      try {
        var unused = release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer;
    };
  }

  /** Waits (up to 10 s) until the stand-in has received {@code count} requests. */
  static void awaitCalls(StandInServer standIn, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (standIn.calls().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(standIn.calls()).hasSizeGreaterThanOrEqualTo(count);
  }

  /** A small fake JPEG: the start-of-image marker, seeded bytes, the end marker. */
  static byte[] jpegBytes(long seed, int length) {
    byte[] bytes = new byte[length];
    new java.util.Random(seed).nextBytes(bytes);
    bytes[0] = (byte) 0xff;
    bytes[1] = (byte) 0xd8;
    bytes[length - 2] = (byte) 0xff;
    bytes[length - 1] = (byte) 0xd9;
    return bytes;
  }
}
