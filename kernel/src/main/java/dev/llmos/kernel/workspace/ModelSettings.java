package dev.llmos.kernel.workspace;

import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.YamlMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code runtime_model} block of {@code llmos.yaml}: where the runtime LLM (the VLM that sees
 * and the RSA planner) is served. Every field is optional; flags and {@code LLMOS_VLM_*} variables
 * override it. API keys are never read from here: they come from the environment only.
 *
 * @param preset the server kind: {@code llama.cpp}, {@code vllm}, {@code ollama} or {@code
 *     openrouter}
 * @param baseUrl the OpenAI-compatible base URL, the part before {@code /chat/completions}
 * @param model the model name the server knows
 * @param timeoutS how long one call may take, retries included, seconds
 * @param maxConcurrent the most RSA requests in flight at once; vision and the instinct have two
 *     more (llama.cpp: {@code -np} of this + 2)
 * @param maxRetries retries on 429, 5xx and connection failures
 */
public record ModelSettings(
    Optional<String> preset,
    Optional<String> baseUrl,
    Optional<String> model,
    OptionalDouble timeoutS,
    OptionalInt maxConcurrent,
    OptionalInt maxRetries) {
  /** The key in {@code llmos.yaml}. */
  public static final String KEY = "runtime_model";

  public static final ModelSettings NONE =
      new ModelSettings(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalDouble.empty(),
          OptionalInt.empty(),
          OptionalInt.empty());

  static ModelSettings read(YamlMap block) {
    for (String secret : Set.of("api_key", "key", "token")) {
      if (block.has(secret)) {
        throw new InvalidDocumentException(
            block.locationOf(secret),
            "API keys are not kept in llmos.yaml (it may be committed or shared); set"
                + " LLMOS_VLM_API_KEY, or the preset's own variable such as OPENROUTER_API_KEY, in"
                + " the environment");
      }
    }
    block.allowOnly(
        Set.of("preset", "base_url", "model", "timeout_s", "max_concurrent", "max_retries"));
    return new ModelSettings(
        block.optionalString("preset"),
        block.optionalString("base_url"),
        block.optionalString("model"),
        block.has("timeout_s")
            ? OptionalDouble.of(block.number("timeout_s", 0.1, 600))
            : OptionalDouble.empty(),
        block.has("max_concurrent")
            ? OptionalInt.of(block.integer("max_concurrent", 1, 256))
            : OptionalInt.empty(),
        block.has("max_retries")
            ? OptionalInt.of(block.integer("max_retries", 0, 10))
            : OptionalInt.empty());
  }
}
