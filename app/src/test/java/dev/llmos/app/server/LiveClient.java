package dev.llmos.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A dashboard client for tests, on the JDK's WebSocket: it keeps every message it takes, and takes
 * them as they come, or (a slow client) only the first.
 */
public final class LiveClient implements WebSocket.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean keepReading;
  private final List<JsonNode> messages = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private WebSocket socket;

  private LiveClient(boolean keepReading) {
    this.keepReading = keepReading;
  }

  /** A client that reads every message as it comes. */
  public static LiveClient connect(URI uri) {
    return connect(uri, true);
  }

  /**
   * A client that reads as told.
   *
   * @param keepReading false for a client that asks for one message and then reads nothing
   */
  public static LiveClient connect(URI uri, boolean keepReading) {
    LiveClient client = new LiveClient(keepReading);
    try {
      client.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(uri, client)
              .get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no WebSocket to " + uri + " within 20 s", e);
    }
    return client;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        JsonNode message = JSON.readTree(partial.toString());
        synchronized (this) {
          messages.add(message);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      partial.setLength(0);
    }
    if (keepReading) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  /** Messages taken so far. */
  public synchronized int size() {
    return messages.size();
  }

  public synchronized List<JsonNode> messages() {
    return List.copyOf(messages);
  }

  /** The {@code state} messages taken so far, from the {@code from}-th of them on. */
  public synchronized List<JsonNode> states(int from) {
    List<JsonNode> states =
        messages.stream().filter(m -> m.get("type").asText().equals("state")).toList();
    return states.subList(Math.min(from, states.size()), states.size());
  }

  public synchronized int stateCount() {
    return (int) messages.stream().filter(m -> m.get("type").asText().equals("state")).count();
  }

  /** Completes with the close code when the server closes, exceptionally on an error. */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  /** The first message from index {@code from} on that matches, waiting for it. */
  public JsonNode await(int from, Predicate<JsonNode> matches, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = from;
    while (true) {
      List<JsonNode> now = messages();
      for (; next < now.size(); next++) {
        if (matches.test(now.get(next))) {
          return now.get(next);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no such message within "
                + timeout
                + "; got "
                + summary(now.subList(from, now.size())));
      }
      Thread.sleep(10);
    }
  }

  private static String summary(List<JsonNode> messages) {
    StringBuilder s = new StringBuilder();
    for (JsonNode m : messages) {
      s.append(m.get("type").asText());
      if (m.has("state")) {
        s.append('(').append(m.get("state").asText()).append(')');
      }
      s.append(' ');
    }
    return s.toString();
  }

  /** Drops the connection. */
  public void abort() {
    if (socket != null) {
      socket.abort();
    }
  }
}
