package dev.llmos.llm.anthropic;

import com.anthropic.core.ClientOptions;
import com.anthropic.models.messages.Model;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link AnthropicDevelopmentModel} calls. The API key is not here: it is read from
 * the environment and handed to the client only, so no settings object can print it.
 *
 * @param baseUrl the API's base URL, without {@code /v1}
 * @param model the model id
 * @param maxTokens the most tokens one reply may have
 * @param timeout the most one attempt may take
 * @param maxRetries how often the SDK repeats a call after a 429, a 5xx or a connection failure
 */
public record AnthropicSettings(
    String baseUrl, String model, int maxTokens, Duration timeout, int maxRetries) {
  /** Environment variable with the API key; required. */
  public static final String API_KEY_ENV = "ANTHROPIC_API_KEY";

  /** Environment variable overriding {@link #baseUrl}, e.g. for a proxy. */
  public static final String BASE_URL_ENV = "ANTHROPIC_BASE_URL";

  /** Environment variable overriding {@link #model}. */
  public static final String MODEL_ENV = "LLMOS_DEV_MODEL";

  /** The model used unless {@code LLMOS_DEV_MODEL} names another. */
  public static final String DEFAULT_MODEL = Model.CLAUDE_SONNET_5_5.asString();

  /**
   * The SDK's base URL and the default model; 8192 tokens a reply (a full agent file fits many
   * times); 2 minutes an attempt, 2 retries.
   */
  public static final AnthropicSettings DEFAULTS =
      new AnthropicSettings(
          ClientOptions.PRODUCTION_URL, DEFAULT_MODEL, 8192, Duration.ofMinutes(2), 2);

  public AnthropicSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    if (baseUrl.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("baseUrl and model must not be blank");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be more than 0, got " + timeout);
    }
    if (maxRetries < 0 || maxRetries > 5) {
      throw new IllegalArgumentException("maxRetries must be 0 to 5, got " + maxRetries);
    }
  }

  /** The defaults, with the base URL and model from the environment where it sets them. */
  public static AnthropicSettings fromEnvironment(Map<String, String> env) {
    return DEFAULTS
        .withBaseUrl(nonBlank(env.get(BASE_URL_ENV), DEFAULTS.baseUrl))
        .withModel(nonBlank(env.get(MODEL_ENV), DEFAULTS.model));
  }

  public AnthropicSettings withBaseUrl(String value) {
    return new AnthropicSettings(value, model, maxTokens, timeout, maxRetries);
  }

  public AnthropicSettings withModel(String value) {
    return new AnthropicSettings(baseUrl, value, maxTokens, timeout, maxRetries);
  }

  public AnthropicSettings withTimeout(Duration value) {
    return new AnthropicSettings(baseUrl, model, maxTokens, value, maxRetries);
  }

  public AnthropicSettings withMaxRetries(int value) {
    return new AnthropicSettings(baseUrl, model, maxTokens, timeout, value);
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
