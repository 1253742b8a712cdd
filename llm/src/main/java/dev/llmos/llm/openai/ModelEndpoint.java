package dev.llmos.llm.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a chat model is served and under which name: a server preset, the base URL, the model and
 * the API key if any. The key never shows in {@link #toString()} or {@link #describe()}.
 *
 * <p>The base URL is the part before {@code /chat/completions}, usually ending in {@code /v1}
 * (OpenRouter's is {@code https://openrouter.ai/api/v1}); a URL that does not end in {@code /v1} is
 * used as given, for proxies that mount the API elsewhere.
 *
 * @param preset the kind of server
 * @param baseUri the base URL, without a trailing slash
 * @param model the model name sent with every request
 * @param apiKey the bearer token, if the server wants one
 */
public record ModelEndpoint(
    ServerPreset preset, URI baseUri, String model, Optional<String> apiKey) {
  /** Environment variable naming the preset, e.g. {@code vllm}. */
  public static final String ENV_PRESET = "LLMOS_VLM_PRESET";

  /** Environment variable with the base URL. */
  public static final String ENV_URL = "LLMOS_VLM_URL";

  /** Environment variable with the model name. */
  public static final String ENV_MODEL = "LLMOS_VLM_MODEL";

  /** Environment variable with the API key; the preset's own variables are read after it. */
  public static final String ENV_API_KEY = "LLMOS_VLM_API_KEY";

  private static final String COMPLETIONS = "/chat/completions";

  public ModelEndpoint {
    if (preset == null) {
      throw new IllegalArgumentException("a model endpoint needs a server preset");
    }
    if (baseUri == null) {
      throw new IllegalArgumentException("a model endpoint needs a base URL");
    }
    baseUri = checkedBase(baseUri.toString(), "the base URL");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("a model endpoint needs a model name");
    }
    if (apiKey == null) {
      throw new IllegalArgumentException("a model endpoint's API key is Optional, not null");
    }
    apiKey = apiKey.filter(key -> !key.isBlank()).map(String::strip);
    if (apiKey.isPresent() && !apiKey.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // Said without the key: an HTTP library's own error would quote the whole header.
      throw new IllegalArgumentException(
          "the API key has a character that cannot go in an HTTP header (a space, a line break or"
              + " a non-ASCII character); check the variable it was set in");
    }
  }

  /** The preset's defaults with no API key, or {@code baseUrl} instead of its default URL. */
  public static ModelEndpoint of(ServerPreset preset, String baseUrl) {
    return new ModelEndpoint(
        preset, checkedBase(baseUrl, "the base URL"), preset.defaultModel(), Optional.empty());
  }

  /**
   * The endpoint from explicit values (command-line flags), then the environment ({@value
   * #ENV_PRESET}, {@value #ENV_URL}, {@value #ENV_MODEL}), then the preset's defaults ({@code
   * llama.cpp} when no preset is named). The API key comes from the environment only: {@value
   * #ENV_API_KEY}, else the preset's own variable (such as {@code OPENROUTER_API_KEY}). Blank
   * values count as absent.
   *
   * @throws IllegalArgumentException for an unknown preset, a URL without scheme and host (naming
   *     it and where it came from), or a preset that needs a key when none is set
   */
  public static ModelEndpoint resolve(
      Optional<String> preset,
      Optional<String> baseUrl,
      Optional<String> model,
      Map<String, String> env) {
    ServerPreset server =
        given(preset)
            .or(() -> fromEnv(env, ENV_PRESET))
            .map(ServerPreset::byKey)
            .orElse(ServerPreset.LLAMA_CPP);
    URI base;
    Optional<String> explicitUrl = given(baseUrl);
    if (explicitUrl.isPresent()) {
      base = checkedBase(explicitUrl.get(), "the model server URL");
    } else {
      Optional<String> envUrl = fromEnv(env, ENV_URL);
      base = envUrl.isPresent() ? checkedBase(envUrl.get(), ENV_URL) : server.defaultBaseUri();
    }
    String name = given(model).or(() -> fromEnv(env, ENV_MODEL)).orElse(server.defaultModel());
    Optional<String> key = fromEnv(env, ENV_API_KEY);
    for (String variable : server.keyEnvVars()) {
      if (key.isPresent()) {
        break;
      }
      key = fromEnv(env, variable);
    }
    if (server.needsKey() && key.isEmpty()) {
      throw new IllegalArgumentException(
          server.key()
              + " needs an API key: set "
              + ENV_API_KEY
              + " or "
              + String.join(" or ", server.keyEnvVars()));
    }
    return new ModelEndpoint(server, base, name, key);
  }

  /** {@code {baseUri}/chat/completions} */
  public URI chatCompletionsUri() {
    return URI.create(baseUri + COMPLETIONS);
  }

  /** The model and where it is served, e.g. {@code Qwen/Qwen3-VL-8B-Instruct at ... (vllm)}. */
  public String describe() {
    return model + " at " + shownBase() + " (" + preset.key() + ")";
  }

  @Override
  public String toString() {
    return "ModelEndpoint[preset="
        + preset.key()
        + ", baseUri="
        + shownBase()
        + ", model="
        + model
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(none)")
        + "]";
  }

  /** The base URL without user information, which could hold a password. */
  private String shownBase() {
    if (baseUri.getRawUserInfo() == null) {
      return baseUri.toString();
    }
    try {
      return new URI(
              baseUri.getScheme(),
              null,
              baseUri.getHost(),
              baseUri.getPort(),
              baseUri.getPath(),
              null,
              null)
          .toString();
    } catch (URISyntaxException e) {
      return baseUri.getScheme() + "://" + baseUri.getHost();
    }
  }

  private static Optional<String> given(Optional<String> value) {
    return value.map(String::strip).filter(text -> !text.isEmpty());
  }

  private static Optional<String> fromEnv(Map<String, String> env, String name) {
    return given(Optional.ofNullable(env.get(name)));
  }

  /**
   * {@code url} as a base URL: http or https with a host, no trailing slash, not the completions
   * URL itself.
   */
  private static URI checkedBase(String url, String source) {
    String text = url.strip();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          source + ": '" + url + "' is not a URL (" + e.getReason() + ")", e);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          source
              + ": '"
              + url
              + "' is not an http(s) URL with a host; expected e.g. http://127.0.0.1:8080/v1");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          source
              + ": '"
              + url
              + "' has a query or fragment; expected e.g. http://127.0.0.1:8080/v1");
    }
    if (text.endsWith(COMPLETIONS)) {
      throw new IllegalArgumentException(
          source
              + ": '"
              + url
              + "' is the completions URL; give the base URL, the part before "
              + COMPLETIONS);
    }
    return uri;
  }
}
