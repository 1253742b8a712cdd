package dev.llmos.llm.openai;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The model servers LLMos knows behind the OpenAI-compatible chat completions API: where each
 * listens by default, which model name it serves Qwen3-VL-8B under, where its API key comes from
 * and how it takes structured output.
 *
 * <p>All four take the OpenAI {@code response_format} with {@code type: json_schema}: llama.cpp's
 * {@code llama-server} turns the schema into a grammar, vLLM into guided decoding (its older {@code
 * guided_json} field is gone since v0.12), Ollama (0.5 and later) into its format constraint, and
 * OpenRouter passes it to providers that support it, honouring {@code strict}.
 */
public enum ServerPreset {
  /** llama.cpp's {@code llama-server}; its {@code --api-key} is optional. */
  LLAMA_CPP(
      "llama.cpp",
      "http://127.0.0.1:8080/v1",
      "Qwen/Qwen3-VL-8B-Instruct",
      "LLAMA_API_KEY",
      false,
      StructuredOutput.JSON_SCHEMA,
      false),
  /** vLLM's OpenAI-compatible server; its {@code --api-key} is optional. */
  VLLM(
      "vllm",
      "http://127.0.0.1:8000/v1",
      "Qwen/Qwen3-VL-8B-Instruct",
      "VLLM_API_KEY",
      false,
      StructuredOutput.JSON_SCHEMA,
      false),
  /** Ollama's OpenAI-compatible endpoint; a key only for ollama.com. */
  OLLAMA(
      "ollama",
      "http://127.0.0.1:11434/v1",
      "qwen3-vl:8b",
      "OLLAMA_API_KEY",
      false,
      StructuredOutput.JSON_SCHEMA,
      false),
  /** OpenRouter, a hosted router: it needs a key and is told who calls. */
  OPENROUTER(
      "openrouter",
      "https://openrouter.ai/api/v1",
      "qwen/qwen3-vl-8b-instruct",
      "OPENROUTER_API_KEY",
      true,
      StructuredOutput.JSON_SCHEMA_STRICT,
      true);

  /** How a server takes a {@link dev.llmos.llm.chat.ResponseFormat}. */
  public enum StructuredOutput {
    /**
     * {@code "response_format": {"type": "json_schema", "json_schema": {"name": ..., "schema":
     * ...}}}
     */
    JSON_SCHEMA,
    /** The same with {@code "strict": true} in {@code json_schema}. */
    JSON_SCHEMA_STRICT
  }

  private final String key;
  private final URI defaultBaseUri;
  private final String defaultModel;
  private final String keyEnvVar;
  private final boolean needsKey;
  private final StructuredOutput structuredOutput;
  private final boolean sendsTitle;

  ServerPreset(
      String key,
      String defaultBaseUrl,
      String defaultModel,
      String keyEnvVar,
      boolean needsKey,
      StructuredOutput structuredOutput,
      boolean sendsTitle) {
    this.key = key;
    this.defaultBaseUri = URI.create(defaultBaseUrl);
    this.defaultModel = defaultModel;
    this.keyEnvVar = keyEnvVar;
    this.needsKey = needsKey;
    this.structuredOutput = structuredOutput;
    this.sendsTitle = sendsTitle;
  }

  /** The name users give, e.g. {@code llama.cpp}. */
  public String key() {
    return key;
  }

  /** Where the server listens by default: the base URL, the part before /chat/completions. */
  public URI defaultBaseUri() {
    return defaultBaseUri;
  }

  /** The name this server serves Qwen3-VL-8B under by default. */
  public String defaultModel() {
    return defaultModel;
  }

  /**
   * The environment variables, in order, that hold this server's own API key (after {@code
   * LLMOS_VLM_API_KEY}).
   */
  public List<String> keyEnvVars() {
    return List.of(keyEnvVar);
  }

  /** Whether calls without an API key are certain to be refused. */
  public boolean needsKey() {
    return needsKey;
  }

  public StructuredOutput structuredOutput() {
    return structuredOutput;
  }

  /**
   * Headers sent with every request besides the usual ones: OpenRouter is told the caller is LLMos
   * ({@code X-Title}).
   */
  public Map<String, String> extraHeaders() {
    return sendsTitle ? Map.of("X-Title", "LLMos") : Map.of();
  }

  /**
   * The preset named {@code name}: {@code llama.cpp}, {@code vllm}, {@code ollama} or {@code
   * openrouter} (case and surrounding blanks ignored; the constant's name, e.g. {@code LLAMA_CPP},
   * works too).
   *
   * @throws IllegalArgumentException naming the choices if there is no such preset
   */
  public static ServerPreset byKey(String name) {
    String wanted = name == null ? "" : name.strip();
    for (ServerPreset preset : values()) {
      if (preset.key.equalsIgnoreCase(wanted) || preset.name().equalsIgnoreCase(wanted)) {
        return preset;
      }
    }
    throw new IllegalArgumentException(
        "unknown model server preset '" + name + "': choose one of " + choices());
  }

  /** The keys of all presets, comma separated. */
  public static String choices() {
    return Arrays.stream(values()).map(ServerPreset::key).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return key;
  }
}
