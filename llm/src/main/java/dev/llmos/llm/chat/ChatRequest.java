package dev.llmos.llm.chat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One chat completion request.
 *
 * @param messages the conversation, system message first if any
 * @param temperature sampling temperature, 0 to 2 (RSA samples a population, so it wants more than
 *     0)
 * @param maxTokens the most tokens the reply may have
 * @param responseFormat the JSON schema the reply must follow, where the server supports it
 * @param seed the sampling seed, for servers that honour one
 */
public record ChatRequest(
    List<ChatMessage> messages,
    double temperature,
    int maxTokens,
    Optional<ResponseFormat> responseFormat,
    OptionalLong seed) {
  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature must be 0 to 2, got " + temperature);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
    }
  }

  /** A request with temperature 0.2, at most 512 tokens, no schema and no seed. */
  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, 0.2, 512, Optional.empty(), OptionalLong.empty());
  }

  public ChatRequest withTemperature(double value) {
    return new ChatRequest(messages, value, maxTokens, responseFormat, seed);
  }

  public ChatRequest withMaxTokens(int value) {
    return new ChatRequest(messages, temperature, value, responseFormat, seed);
  }

  public ChatRequest withResponseFormat(ResponseFormat value) {
    return new ChatRequest(messages, temperature, maxTokens, Optional.of(value), seed);
  }

  public ChatRequest withSeed(long value) {
    return new ChatRequest(
        messages, temperature, maxTokens, responseFormat, OptionalLong.of(value));
  }
}
