package dev.llmos.llm.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param inputSchema the JSON schema of its input, an {@code "type": "object"} schema
 */
public record ToolDefinition(String name, String description, JsonNode inputSchema) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!inputSchema.path("type").asText().equals("object")) {
      throw new IllegalArgumentException(
          "the input schema of tool " + name + " must be an object schema, got " + inputSchema);
    }
    inputSchema = inputSchema.deepCopy();
  }
}
