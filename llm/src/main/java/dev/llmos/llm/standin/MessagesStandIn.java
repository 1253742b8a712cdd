package dev.llmos.llm.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real HTTP server on 127.0.0.1 that stands in for the Anthropic Messages API: {@code POST
 * /v1/messages} answers the scripted answers in order, and every request is recorded. A request
 * without the {@code x-api-key} or {@code anthropic-version} header is refused with 401, as the API
 * would, and does not use up a scripted answer. Past the script's end it answers 500, saying so.
 */
public final class MessagesStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackServer http;
  private final List<Answer> script;
  private final List<Call> calls = new ArrayList<>();
  private int answered;

  /**
   * One request the stand-in received.
   *
   * @param headers request headers, names in lower case (first value of each)
   * @param body the request body as JSON (a JSON null if it was not JSON)
   */
  public record Call(int index, String path, Map<String, String> headers, JsonNode body) {
    public Call {
      headers = Map.copyOf(headers);
    }

    /** The {@code tool_result} blocks of the request's last message, in order. */
    public List<JsonNode> lastToolResults() {
      JsonNode messages = body.path("messages");
      List<JsonNode> results = new ArrayList<>();
      for (JsonNode block : messages.path(messages.size() - 1).path("content")) {
        if (block.path("type").asText().equals("tool_result")) {
          results.add(block);
        }
      }
      return results;
    }
  }

  /** What the stand-in sends back: an HTTP status and a JSON body. */
  public record Answer(int status, String body) {
    /** A full Messages API response, as given. */
    public static Answer message(JsonNode response) {
      return new Answer(200, response.toString());
    }

    /** An error status with the API's error body. */
    public static Answer error(int status, String type, String message) {
      ObjectNode body = JSON.createObjectNode();
      body.put("type", "error");
      body.putObject("error").put("type", type).put("message", message);
      return new Answer(status, body.toString());
    }
  }

  /** Builds a Messages API response: content blocks, then a stop reason. */
  public static final class Reply {
    private final ArrayNode content = JSON.createArrayNode();

    /** Adds a text block. */
    public Reply text(String text) {
      content.addObject().put("type", "text").put("text", text);
      return this;
    }

    /** Adds a tool_use block. */
    public Reply toolUse(String id, String name, JsonNode input) {
      ObjectNode block = content.addObject();
      block.put("type", "tool_use").put("id", id).put("name", name);
      block.set("input", input.deepCopy());
      return this;
    }

    /** The response, ending with {@code stopReason}; usage is 100 tokens in, 20 out. */
    public Answer stop(String stopReason) {
      ObjectNode body = JSON.createObjectNode();
      body.put("id", "msg_stand_in");
      body.put("type", "message");
      body.put("role", "assistant");
      body.put("model", "stand-in-claude");
      body.set("content", content.deepCopy());
      body.put("stop_reason", stopReason);
      body.putNull("stop_sequence");
      body.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
      return Answer.message(body);
    }
  }

  private MessagesStandIn(List<Answer> script) throws IOException {
    this.script = List.copyOf(script);
    this.http = LoopbackServer.start("stand-in-messages", 16, this::handle);
  }

  /** A new response builder. */
  public static Reply reply() {
    return new Reply();
  }

  /** Starts a stand-in on 127.0.0.1 at a free port, answering {@code script} in order. */
  public static MessagesStandIn start(List<Answer> script) throws IOException {
    return new MessagesStandIn(script);
  }

  /** The base URL to give the client, e.g. {@code http://127.0.0.1:43210} (no {@code /v1}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + http.port();
  }

  /** Every request received so far, in arrival order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("POST") || !path.equals("/v1/messages")) {
        send(
            exchange,
            Answer.error(404, "not_found_error", "the stand-in serves POST /v1/messages only"));
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      JsonNode body;
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        body = JSON.nullNode();
      }
      Answer answer;
      synchronized (this) {
        calls.add(new Call(calls.size(), path, headers, body));
        if (!headers.containsKey("x-api-key") || !headers.containsKey("anthropic-version")) {
          answer =
              Answer.error(
                  401,
                  "authentication_error",
                  "the stand-in needs the x-api-key and anthropic-version headers, got "
                      + headers.keySet());
        } else if (answered < script.size()) {
          answer = script.get(answered++);
        } else {
          answer =
              Answer.error(
                  500,
                  "api_error",
                  "the stand-in's script has "
                      + script.size()
                      + " answers and all were used: the client asked once more than scripted");
        }
      }
      send(exchange, answer);
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop();
  }
}
