package dev.llmos.llm.chat;

/**
 * The model's answer to one request, with what it cost.
 *
 * @param text the reply's text, as the model wrote it (it may be anything: callers parse leniently)
 * @param finishReason why the model stopped, e.g. {@code stop} or {@code length} (truncated)
 * @param model the model the server says answered
 * @param usage tokens used
 * @param latencyMs wall time from sending to the whole reply, retries included, milliseconds
 * @param attempts how many HTTP requests it took (1 when the first succeeded)
 */
public record ChatReply(
    String text,
    String finishReason,
    String model,
    TokenUsage usage,
    double latencyMs,
    int attempts) {
  public ChatReply {
    if (text == null || finishReason == null || model == null || usage == null) {
      throw new IllegalArgumentException("a reply needs text, a finish reason, a model and usage");
    }
    if (!(latencyMs >= 0) || attempts < 1) {
      throw new IllegalArgumentException("latency must be at least 0 and attempts at least 1");
    }
  }

  /** Whether the model stopped because it ran out of tokens, so its JSON may be cut short. */
  public boolean truncated() {
    return finishReason.equals("length");
  }
}
