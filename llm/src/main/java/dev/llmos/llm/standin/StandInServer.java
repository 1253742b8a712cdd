package dev.llmos.llm.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that stands in for a model behind the OpenAI-compatible API: it
 * serves {@code POST /v1/chat/completions} with scripted answers (after a chosen delay, with a
 * chosen status) and {@code GET /v1/models}, and records every request it gets. Tests and
 * benchmarks start one to exercise the real client, the real parsing and real concurrency without a
 * GPU. Each request is handled on its own thread, so requests sent together are in flight together.
 */
public final class StandInServer implements AutoCloseable {
  /** The model name the stand-in reports. */
  public static final String MODEL = "stand-in-qwen3-vl-8b";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackServer http;
  private final Responder responder;
  private final List<Call> calls = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  /**
   * Chooses the answer to each call. Called on the request's thread, may be called concurrently.
   */
  @FunctionalInterface
  public interface Responder {
    Answer answer(Call call);

    /** The same answer to every call. */
    static Responder always(Answer answer) {
      return call -> answer;
    }

    /** The answers in order, by call index; the last one repeats. */
    static Responder sequence(Answer... answers) {
      List<Answer> list = List.of(answers);
      return call -> list.get(Math.min(call.index(), list.size() - 1));
    }
  }

  /**
   * One request the stand-in received.
   *
   * @param index 0-based, in the order requests arrived
   * @param path the request path
   * @param headers request headers, names in lower case (first value of each)
   * @param body the request body as JSON (a JSON null if it was not JSON)
   * @param rawBody the body as text
   */
  public record Call(
      int index, String path, Map<String, String> headers, JsonNode body, String rawBody) {
    public Call {
      headers = Map.copyOf(headers);
    }

    /** The text of every text part of every message, joined by newlines. */
    public String allText() {
      StringBuilder text = new StringBuilder();
      for (JsonNode message : body.path("messages")) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
          text.append(content.asText()).append('\n');
        }
        for (JsonNode part : content) {
          if (part.path("type").asText().equals("text")) {
            text.append(part.path("text").asText()).append('\n');
          }
        }
      }
      return text.toString();
    }

    /** The image URLs of every image part, in order. */
    public List<String> imageUrls() {
      List<String> urls = new ArrayList<>();
      for (JsonNode message : body.path("messages")) {
        for (JsonNode part : message.path("content")) {
          if (part.path("type").asText().equals("image_url")) {
            urls.add(part.path("image_url").path("url").asText());
          }
        }
      }
      return urls;
    }
  }

  /**
   * What the stand-in sends back.
   *
   * @param status the HTTP status
   * @param body the response body
   * @param delay how long to wait before answering
   * @param headers extra response headers
   */
  public record Answer(int status, String body, Duration delay, Map<String, String> headers) {
    public Answer {
      headers = Map.copyOf(headers);
    }

    /** A chat completion whose message content is {@code text}, finish reason {@code stop}. */
    public static Answer content(String text) {
      return completion(text, "stop");
    }

    /** A chat completion cut short: finish reason {@code length}. */
    public static Answer truncated(String text) {
      return completion(text, "length");
    }

    /** An error status with an OpenAI-style error body. */
    public static Answer status(int status, String message) {
      ObjectNode body = JSON.createObjectNode();
      ObjectNode error = body.putObject("error");
      error.put("message", message);
      error.put("code", status);
      return new Answer(status, body.toString(), Duration.ZERO, Map.of());
    }

    /** Any body with status 200, e.g. something that is not a chat completion at all. */
    public static Answer raw(String body) {
      return new Answer(200, body, Duration.ZERO, Map.of());
    }

    /** This answer, sent after {@code delay}. */
    public Answer after(Duration value) {
      return new Answer(status, body, value, headers);
    }

    /** This answer with one more response header, e.g. {@code Retry-After}. */
    public Answer withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, body, delay, more);
    }

    private static Answer completion(String text, String finishReason) {
      ObjectNode body = JSON.createObjectNode();
      body.put("id", "chatcmpl-stand-in");
      body.put("object", "chat.completion");
      body.put("model", MODEL);
      ObjectNode choice = body.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", text);
      choice.put("finish_reason", finishReason);
      ObjectNode usage = body.putObject("usage");
      // A rough count: the stand-in has no tokenizer.
      int completion = Math.max(1, text.length() / 4);
      usage.put("prompt_tokens", 100);
      usage.put("completion_tokens", completion);
      usage.put("total_tokens", 100 + completion);
      return new Answer(200, body.toString(), Duration.ZERO, Map.of());
    }
  }

  private StandInServer(Responder responder) throws IOException {
    this.responder = responder;
    this.http = LoopbackServer.start("stand-in-model", 64, this::handle);
  }

  /** Starts a stand-in on 127.0.0.1 at a free port. */
  public static StandInServer start(Responder responder) throws IOException {
    return new StandInServer(responder);
  }

  /** The OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:43210/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + http.port() + "/v1";
  }

  /** Every request received so far, in arrival order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /**
   * The most requests that were being handled at the same moment. A request counts from its arrival
   * until its answer starts going out, so a client that sends its next request only once it has an
   * answer is never counted twice.
   */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    boolean counted = true;
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (exchange.getRequestMethod().equals("GET") && path.equals("/v1/models")) {
        ObjectNode models = JSON.createObjectNode();
        models.put("object", "list");
        models.putArray("data").addObject().put("id", MODEL).put("object", "model");
        send(exchange, new Answer(200, models.toString(), Duration.ZERO, Map.of()));
        return;
      }
      if (!exchange.getRequestMethod().equals("POST") || !path.equals("/v1/chat/completions")) {
        send(exchange, Answer.status(404, "the stand-in serves POST /v1/chat/completions only"));
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        body = JSON.nullNode();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
      Call call;
      synchronized (this) {
        call = new Call(calls.size(), path, headers, body, raw);
        calls.add(call);
      }
      Answer answer = responder.answer(call);
      if (!answer.delay().isZero()) {
        try {
          Thread.sleep(answer.delay().toMillis(), answer.delay().toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      // Uncounted before the answer goes out: the client may send its next request as soon as it
      // has this one, before this thread gets here otherwise.
      inFlight.decrementAndGet();
      counted = false;
      send(exchange, answer);
    } finally {
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    http.stop();
  }
}
