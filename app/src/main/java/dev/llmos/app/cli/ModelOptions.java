package dev.llmos.app.cli;

import dev.llmos.kernel.workspace.ModelSettings;
import dev.llmos.llm.openai.ClientSettings;
import dev.llmos.llm.openai.ModelEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The runtime LLM's options, shared by the commands that run agents. The model is switched on by
 * {@code --vlm}, by {@code LLMOS_VLM_URL} or by a {@code runtime_model} block in {@code
 * llmos.yaml}; {@code --offline} switches it off whatever they say.
 */
final class ModelOptions {
  @Option(
      names = "--vlm",
      paramLabel = "URL",
      description =
          "Run with the runtime LLM (Qwen3-VL) served at this OpenAI-compatible base URL, e.g."
              + " http://127.0.0.1:8080/v1: VLM vision, the VLM instinct and the RSA planner for"
              + " agents that ask for them (docs/runtime-llm.md).")
  private String url;

  @Option(
      names = "--vlm-model",
      paramLabel = "NAME",
      description = "The model name the server knows (default: the preset's).")
  private String model;

  @Option(
      names = "--vlm-preset",
      paramLabel = "SERVER",
      description = "The server kind: llama.cpp (default), vllm, ollama or openrouter.")
  private String preset;

  @Option(
      names = "--offline",
      description = "Ignore every runtime-model setting: rules, classical planning, colour vision.")
  private boolean offline;

  /**
   * Where the runtime LLM is served, if it is switched on: flags, then {@code LLMOS_VLM_*}
   * variables, then {@code llmos.yaml}, then the preset's defaults.
   *
   * @throws IllegalArgumentException for a bad URL or preset, naming it, or a missing key
   */
  Optional<ModelEndpoint> endpoint(ModelSettings settings, Map<String, String> env) {
    boolean on =
        url != null || present(env, ModelEndpoint.ENV_URL) || !settings.equals(ModelSettings.NONE);
    if (offline || !on) {
      return Optional.empty();
    }
    return Optional.of(
        ModelEndpoint.resolve(
            Optional.ofNullable(preset)
                .or(() -> unless(env, ModelEndpoint.ENV_PRESET, settings.preset())),
            Optional.ofNullable(url)
                .or(() -> unless(env, ModelEndpoint.ENV_URL, settings.baseUrl())),
            Optional.ofNullable(model)
                .or(() -> unless(env, ModelEndpoint.ENV_MODEL, settings.model())),
            env));
  }

  /** The client's timeout, retries and concurrency: {@code llmos.yaml}, else the defaults. */
  static ClientSettings clientSettings(ModelSettings settings) {
    ClientSettings client = ClientSettings.DEFAULTS;
    if (settings.timeoutS().isPresent()) {
      client =
          client.withTimeout(
              Duration.ofMillis(Math.round(settings.timeoutS().getAsDouble() * 1000)));
    }
    if (settings.maxRetries().isPresent()) {
      client = client.withMaxRetries(settings.maxRetries().getAsInt());
    }
    if (settings.maxConcurrent().isPresent()) {
      client = client.withMaxConcurrent(settings.maxConcurrent().getAsInt());
    }
    return client;
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }

  /** The settings file's value, unless the environment has one (which then wins). */
  private static Optional<String> unless(
      Map<String, String> env, String name, Optional<String> fromFile) {
    return present(env, name) ? Optional.empty() : fromFile;
  }
}
