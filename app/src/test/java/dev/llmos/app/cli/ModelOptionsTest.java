package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.workspace.ModelSettings;
import dev.llmos.llm.openai.ClientSettings;
import dev.llmos.llm.openai.ModelEndpoint;
import dev.llmos.llm.openai.ServerPreset;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where the runtime model is: flag > LLMOS_VLM_* > llmos.yaml > the preset's defaults. */
class ModelOptionsTest {
  private static final ModelSettings YAML =
      new ModelSettings(
          Optional.of("vllm"),
          Optional.of("http://yaml-box:8000/v1"),
          Optional.of("yaml-model"),
          OptionalDouble.of(12),
          OptionalInt.of(6),
          OptionalInt.of(1));

  private static ModelOptions parse(String... args) {
    return CommandLine.populateCommand(new ModelOptions(), args);
  }

  @Test
  void withNothingSaidTheModelIsOff() {
    assertThat(parse().endpoint(ModelSettings.NONE, Map.of())).isEmpty();
  }

  @Test
  void theSettingsFileSwitchesItOnAndTheEnvironmentAndFlagsWinOverIt() {
    ModelEndpoint fromFile = parse().endpoint(YAML, Map.of()).orElseThrow();
    assertThat(fromFile.preset()).isEqualTo(ServerPreset.VLLM);
    assertThat(fromFile.baseUri().toString()).isEqualTo("http://yaml-box:8000/v1");
    assertThat(fromFile.model()).isEqualTo("yaml-model");

    ModelEndpoint fromEnv =
        parse()
            .endpoint(
                YAML, Map.of("LLMOS_VLM_URL", "http://env-box:8080/v1", "LLMOS_VLM_MODEL", "m"))
            .orElseThrow();
    assertThat(fromEnv.baseUri().toString()).isEqualTo("http://env-box:8080/v1");
    assertThat(fromEnv.model()).isEqualTo("m");
    assertThat(fromEnv.preset()).isEqualTo(ServerPreset.VLLM);

    ModelEndpoint fromFlags =
        parse("--vlm", "http://flag-box:9000/v1", "--vlm-preset", "ollama")
            .endpoint(YAML, Map.of("LLMOS_VLM_URL", "http://env-box:8080/v1"))
            .orElseThrow();
    assertThat(fromFlags.baseUri().toString()).isEqualTo("http://flag-box:9000/v1");
    assertThat(fromFlags.preset()).isEqualTo(ServerPreset.OLLAMA);
    assertThat(fromFlags.model()).isEqualTo("yaml-model");
  }

  @Test
  void theEnvironmentAloneSwitchesItOnAndOfflineSwitchesEverythingOff() {
    Map<String, String> env = Map.of("LLMOS_VLM_URL", "http://env-box:8080/v1");
    assertThat(parse().endpoint(ModelSettings.NONE, env)).isPresent();
    assertThat(parse("--offline", "--vlm", "http://x:1/v1").endpoint(YAML, env)).isEmpty();
  }

  @Test
  void aBadUrlOrPresetIsRefusedNamingIt() {
    assertThatThrownBy(() -> parse("--vlm", "gpu-box:8080").endpoint(ModelSettings.NONE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpu-box:8080");
    assertThatThrownBy(
            () ->
                parse("--vlm", "http://x:1/v1", "--vlm-preset", "tgi")
                    .endpoint(ModelSettings.NONE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tgi")
        .hasMessageContaining("llama.cpp");
  }

  @Test
  void theClientSettingsComeFromTheSettingsFile() {
    ClientSettings client = ModelOptions.clientSettings(YAML);
    assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(client.maxConcurrent()).isEqualTo(6);
    assertThat(client.maxRetries()).isEqualTo(1);
    assertThat(ModelOptions.clientSettings(ModelSettings.NONE)).isEqualTo(ClientSettings.DEFAULTS);
  }
}
