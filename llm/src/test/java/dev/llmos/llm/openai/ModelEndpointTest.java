package dev.llmos.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelEndpointTest {
  private static final Optional<String> NONE = Optional.empty();

  @Test
  void defaultsToLlamaCppOnItsUsualPort() {
    ModelEndpoint endpoint = ModelEndpoint.resolve(NONE, NONE, NONE, Map.of());

    assertThat(endpoint.preset()).isEqualTo(ServerPreset.LLAMA_CPP);
    assertThat(endpoint.baseUri()).isEqualTo(URI.create("http://127.0.0.1:8080/v1"));
    assertThat(endpoint.chatCompletionsUri())
        .isEqualTo(URI.create("http://127.0.0.1:8080/v1/chat/completions"));
    assertThat(endpoint.model()).isEqualTo("Qwen/Qwen3-VL-8B-Instruct");
    assertThat(endpoint.apiKey()).isEmpty();
  }

  @Test
  void pointsAPresetAtAnotherUrl() {
    ModelEndpoint endpoint = ModelEndpoint.of(ServerPreset.VLLM, "http://10.0.0.5:8000/v1/");

    assertThat(endpoint.baseUri()).isEqualTo(URI.create("http://10.0.0.5:8000/v1"));
    assertThat(endpoint.model()).isEqualTo("Qwen/Qwen3-VL-8B-Instruct");
    assertThat(endpoint.apiKey()).isEmpty();
    assertThat(endpoint.describe())
        .isEqualTo("Qwen/Qwen3-VL-8B-Instruct at http://10.0.0.5:8000/v1 (vllm)");
  }

  @Test
  void takesThePresetsDefaultsFromTheEnvironment() {
    ModelEndpoint endpoint =
        ModelEndpoint.resolve(NONE, NONE, NONE, Map.of("LLMOS_VLM_PRESET", "ollama"));

    assertThat(endpoint.preset()).isEqualTo(ServerPreset.OLLAMA);
    assertThat(endpoint.baseUri()).isEqualTo(URI.create("http://127.0.0.1:11434/v1"));
    assertThat(endpoint.model()).isEqualTo("qwen3-vl:8b");
  }

  @Test
  void prefersExplicitValuesToTheEnvironmentToDefaults() {
    Map<String, String> env =
        Map.of(
            "LLMOS_VLM_PRESET", "vllm",
            "LLMOS_VLM_URL", "http://env-host:8000/v1",
            "LLMOS_VLM_MODEL", "env-model");

    ModelEndpoint fromEnv = ModelEndpoint.resolve(NONE, NONE, NONE, env);
    ModelEndpoint explicit =
        ModelEndpoint.resolve(
            Optional.of("llama.cpp"),
            Optional.of("http://gpu-box:8080/v1/"),
            Optional.of("qwen3-vl-8b-q4"),
            env);

    assertThat(fromEnv.preset()).isEqualTo(ServerPreset.VLLM);
    assertThat(fromEnv.baseUri()).isEqualTo(URI.create("http://env-host:8000/v1"));
    assertThat(fromEnv.model()).isEqualTo("env-model");
    assertThat(explicit.preset()).isEqualTo(ServerPreset.LLAMA_CPP);
    assertThat(explicit.baseUri()).isEqualTo(URI.create("http://gpu-box:8080/v1"));
    assertThat(explicit.model()).isEqualTo("qwen3-vl-8b-q4");
  }

  @Test
  void countsBlankValuesAsAbsent() {
    ModelEndpoint endpoint =
        ModelEndpoint.resolve(
            Optional.of(" "),
            Optional.of(""),
            NONE,
            Map.of("LLMOS_VLM_MODEL", "  ", "LLMOS_VLM_API_KEY", ""));

    assertThat(endpoint).isEqualTo(ModelEndpoint.resolve(NONE, NONE, NONE, Map.of()));
  }

  @Test
  void usesABaseUrlWithoutV1AsGiven() {
    ModelEndpoint endpoint =
        ModelEndpoint.resolve(NONE, Optional.of("https://proxy.example/llm"), NONE, Map.of());

    assertThat(endpoint.chatCompletionsUri())
        .isEqualTo(URI.create("https://proxy.example/llm/chat/completions"));
  }

  @Test
  void takesTheKeyFromTheEnvironmentOnly() {
    assertThat(
            ModelEndpoint.resolve(
                    Optional.of("openrouter"), NONE, NONE, Map.of("OPENROUTER_API_KEY", "or-key"))
                .apiKey())
        .hasValue("or-key");
    assertThat(
            ModelEndpoint.resolve(
                    Optional.of("openrouter"),
                    NONE,
                    NONE,
                    Map.of("OPENROUTER_API_KEY", "or-key", "LLMOS_VLM_API_KEY", "llmos-key"))
                .apiKey())
        .hasValue("llmos-key");
    assertThat(
            ModelEndpoint.resolve(NONE, NONE, NONE, Map.of("OPENROUTER_API_KEY", "or-key"))
                .apiKey())
        .as("another server's key is not sent to llama.cpp")
        .isEmpty();
    assertThat(
            ModelEndpoint.resolve(
                    Optional.of("vllm"), NONE, NONE, Map.of("VLLM_API_KEY", "vllm-key"))
                .apiKey())
        .hasValue("vllm-key");
  }

  @Test
  void refusesOpenRouterWithoutAKeyNamingWhereToSetIt() {
    assertThatThrownBy(() -> ModelEndpoint.resolve(Optional.of("openrouter"), NONE, NONE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LLMOS_VLM_API_KEY")
        .hasMessageContaining("OPENROUTER_API_KEY");
  }

  @Test
  void refusesAKeyThatCannotGoInAHeaderWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                ModelEndpoint.resolve(
                    NONE, NONE, NONE, Map.of("LLMOS_VLM_API_KEY", "sk-secret\nX-Injected: 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot go in an HTTP header")
        .hasMessageNotContaining("sk-secret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"localhost:8080/v1", "127.0.0.1:8080", "/v1", "ftp://host/v1", "http:///v1"})
  void refusesAUrlWithoutSchemeOrHostNamingIt(String url) {
    assertThatThrownBy(() -> ModelEndpoint.resolve(NONE, Optional.of(url), NONE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + url + "'");
  }

  @Test
  void saysABadUrlCameFromTheEnvironment() {
    assertThatThrownBy(
            () -> ModelEndpoint.resolve(NONE, NONE, NONE, Map.of("LLMOS_VLM_URL", "gpu-box:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LLMOS_VLM_URL")
        .hasMessageContaining("'gpu-box:8080'");
  }

  @Test
  void refusesTheCompletionsUrlForTheBase() {
    assertThatThrownBy(
            () ->
                ModelEndpoint.resolve(
                    NONE, Optional.of("http://127.0.0.1:8080/v1/chat/completions"), NONE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the part before /chat/completions");
  }

  @Test
  void refusesAnUnknownPresetListingTheChoices() {
    assertThatThrownBy(
            () -> ModelEndpoint.resolve(NONE, NONE, NONE, Map.of("LLMOS_VLM_PRESET", "tgi")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tgi'")
        .hasMessageContaining("llama.cpp, vllm, ollama, openrouter");
  }

  @Test
  void neverShowsTheKeyOrAPasswordInTheUrl() {
    String key = "sk-or-v1-secret-0123456789";
    ModelEndpoint endpoint =
        new ModelEndpoint(
            ServerPreset.OPENROUTER,
            URI.create("https://user:hunter2@openrouter.ai/api/v1"),
            "qwen/qwen3-vl-8b-instruct",
            Optional.of(key));

    assertThat(endpoint.toString())
        .doesNotContain(key)
        .doesNotContain("hunter2")
        .contains("apiKey=(set)", "qwen/qwen3-vl-8b-instruct", "openrouter");
    assertThat(endpoint.describe())
        .doesNotContain(key)
        .doesNotContain("hunter2")
        .isEqualTo("qwen/qwen3-vl-8b-instruct at https://openrouter.ai/api/v1 (openrouter)");
  }
}
