package dev.llmos.llm.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Structured output: the JSON schema a reply must follow, for servers that can constrain their
 * output to it (llama.cpp, vLLM, Ollama and OpenRouter all can, each in its own way).
 *
 * @param name a short name for the schema, {@code [a-zA-Z0-9_-]}
 * @param jsonSchema the schema, as JSON text
 */
public record ResponseFormat(String name, String jsonSchema) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ResponseFormat {
    if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "a response format's name is 1-64 characters of [a-zA-Z0-9_-], got " + name);
    }
    try {
      if (!JSON.readTree(jsonSchema).isObject()) {
        throw new IllegalArgumentException(
            "response format " + name + ": the schema must be an object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "response format " + name + ": the schema is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
