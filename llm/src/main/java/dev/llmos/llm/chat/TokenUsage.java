package dev.llmos.llm.chat;

/** Tokens one call used, as the server counted them (zero when it did not say). */
public record TokenUsage(int promptTokens, int completionTokens) {
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  public int totalTokens() {
    return promptTokens + completionTokens;
  }

  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }
}
