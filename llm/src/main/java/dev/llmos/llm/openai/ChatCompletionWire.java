package dev.llmos.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.llm.chat.ChatMessage;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.ContentPart;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.ResponseFormat;
import dev.llmos.llm.chat.TokenUsage;
import java.io.UncheckedIOException;

/** The chat completions JSON: request bodies out, replies and error bodies in. */
final class ChatCompletionWire {
  /** The most characters of a body quoted in an exception message. */
  static final int EXCERPT_CHARS = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatCompletionWire() {}

  /** What a chat completion said. */
  record Completion(String text, String finishReason, String model, TokenUsage usage) {}

  /**
   * The request body: every message's content as an array of parts (text, or an image as a JPEG
   * data URL), non-streaming, with the seed when there is one and the response format the way the
   * preset takes it.
   */
  static byte[] requestBody(ChatRequest request, ModelEndpoint endpoint) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", endpoint.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage message : request.messages()) {
      ObjectNode out = messages.addObject();
      out.put("role", message.role().key());
      ArrayNode content = out.putArray("content");
      for (ContentPart part : message.parts()) {
        ObjectNode piece = content.addObject();
        if (part instanceof ContentPart.Text text) {
          piece.put("type", "text");
          piece.put("text", text.text());
        } else if (part instanceof ContentPart.Image image) {
          piece.put("type", "image_url");
          piece.putObject("image_url").put("url", image.image().dataUrl());
        }
      }
    }
    body.put("temperature", request.temperature());
    body.put("max_tokens", request.maxTokens());
    if (request.seed().isPresent()) {
      body.put("seed", request.seed().getAsLong());
    }
    body.put("stream", false);
    request
        .responseFormat()
        .ifPresent(
            format -> body.set("response_format", responseFormat(format, endpoint.preset())));
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes.
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode responseFormat(ResponseFormat format, ServerPreset preset) {
    JsonNode schema;
    try {
      schema = JSON.readTree(format.jsonSchema());
    } catch (JsonProcessingException e) {
      // ResponseFormat checked the schema is a JSON object when it was made.
      throw new UncheckedIOException(e);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("type", "json_schema");
    ObjectNode jsonSchema = out.putObject("json_schema");
    jsonSchema.put("name", format.name());
    if (preset.structuredOutput() == ServerPreset.StructuredOutput.JSON_SCHEMA_STRICT) {
      jsonSchema.put("strict", true);
    }
    jsonSchema.set("schema", schema);
    return out;
  }

  /**
   * The completion in a 200 answer: {@code choices[0].message.content} (text, or an array whose
   * text parts are joined), {@code finish_reason} ({@code unknown} if the server left it out),
   * {@code model} ({@code requestedModel} if left out) and {@code usage} (zeros if left out).
   *
   * @throws ModelException {@code MALFORMED_RESPONSE} saying what was wrong, with an excerpt
   */
  static Completion parseCompletion(String body, String requestedModel) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed("the answer is not JSON (" + e.getOriginalMessage() + ")", body, e);
    }
    if (root == null || !root.isObject()) {
      throw malformed("the answer is not a JSON object", body, null);
    }
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw malformed("the answer has no choices (expected a non-empty array)", body, null);
    }
    JsonNode message = choices.get(0).path("message");
    if (!message.isObject()) {
      throw malformed("choices[0].message is missing or not an object", body, null);
    }
    String text = contentText(message.path("content"), body);
    JsonNode finish = choices.get(0).path("finish_reason");
    String finishReason = finish.isTextual() ? finish.asText() : "unknown";
    JsonNode model = root.path("model");
    String modelName =
        model.isTextual() && !model.asText().isBlank() ? model.asText() : requestedModel;
    return new Completion(text, finishReason, modelName, usage(root.path("usage")));
  }

  private static String contentText(JsonNode content, String body) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (part.isTextual()) {
          text.append(part.asText());
        } else if (part.path("text").isTextual()
            && part.path("type").asText("text").equals("text")) {
          text.append(part.path("text").asText());
        }
      }
      return text.toString();
    }
    String what = content.isMissingNode() ? "missing" : content.isNull() ? "null" : "not text";
    throw malformed(
        "choices[0].message.content is " + what + " (expected text or an array of text parts)",
        body,
        null);
  }

  private static TokenUsage usage(JsonNode usage) {
    if (!usage.isObject()) {
      return TokenUsage.NONE;
    }
    return new TokenUsage(
        Math.max(0, usage.path("prompt_tokens").asInt(0)),
        Math.max(0, usage.path("completion_tokens").asInt(0)));
  }

  /**
   * The server's own words in an error answer: OpenAI's {@code error.message}, vLLM's top-level
   * {@code message}, {@code error} as text (Ollama) or FastAPI's {@code detail}; else an excerpt of
   * the body.
   */
  static String errorMessage(String body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null && root.isObject()) {
        for (JsonNode candidate :
            new JsonNode[] {
              root.path("error").path("message"),
              root.path("message"),
              root.path("error"),
              root.path("detail")
            }) {
          if (candidate.isTextual() && !candidate.asText().isBlank()) {
            return excerpt(candidate.asText());
          }
        }
      }
    } catch (JsonProcessingException e) {
      // Not JSON: quote it as it is.
    }
    return body.isBlank() ? "(no body)" : excerpt(body);
  }

  /** At most {@value #EXCERPT_CHARS} characters of {@code text}, on one line. */
  static String excerpt(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS - 1) + "…";
  }

  private static ModelException malformed(String what, String body, Throwable cause) {
    return new ModelException(
        ModelException.Kind.MALFORMED_RESPONSE,
        200,
        "malformed chat completion: " + what + "; body: " + excerpt(body),
        cause);
  }
}
