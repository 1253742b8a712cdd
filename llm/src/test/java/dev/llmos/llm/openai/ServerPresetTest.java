package dev.llmos.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServerPresetTest {
  @Test
  void findsEachPresetByItsKeyInAnyCase() {
    assertThat(ServerPreset.byKey("llama.cpp")).isEqualTo(ServerPreset.LLAMA_CPP);
    assertThat(ServerPreset.byKey(" LLaMA.cpp ")).isEqualTo(ServerPreset.LLAMA_CPP);
    assertThat(ServerPreset.byKey("LLAMA_CPP")).isEqualTo(ServerPreset.LLAMA_CPP);
    assertThat(ServerPreset.byKey("vllm")).isEqualTo(ServerPreset.VLLM);
    assertThat(ServerPreset.byKey("ollama")).isEqualTo(ServerPreset.OLLAMA);
    assertThat(ServerPreset.byKey("OpenRouter")).isEqualTo(ServerPreset.OPENROUTER);
  }

  @Test
  void refusesAnUnknownNameListingTheChoices() {
    assertThatThrownBy(() -> ServerPreset.byKey("lmstudio"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown model server preset 'lmstudio': choose one of llama.cpp, vllm, ollama,"
                + " openrouter");
  }

  @Test
  void knowsWhereEachServerListensAndWhatItCallsTheModel() {
    assertThat(ServerPreset.LLAMA_CPP.defaultBaseUri())
        .isEqualTo(URI.create("http://127.0.0.1:8080/v1"));
    assertThat(ServerPreset.VLLM.defaultBaseUri())
        .isEqualTo(URI.create("http://127.0.0.1:8000/v1"));
    assertThat(ServerPreset.OLLAMA.defaultBaseUri())
        .isEqualTo(URI.create("http://127.0.0.1:11434/v1"));
    assertThat(ServerPreset.OPENROUTER.defaultBaseUri())
        .isEqualTo(URI.create("https://openrouter.ai/api/v1"));
    assertThat(ServerPreset.LLAMA_CPP.defaultModel()).isEqualTo("Qwen/Qwen3-VL-8B-Instruct");
    assertThat(ServerPreset.VLLM.defaultModel()).isEqualTo("Qwen/Qwen3-VL-8B-Instruct");
    assertThat(ServerPreset.OLLAMA.defaultModel()).isEqualTo("qwen3-vl:8b");
    assertThat(ServerPreset.OPENROUTER.defaultModel()).isEqualTo("qwen/qwen3-vl-8b-instruct");
    assertThat(ServerPreset.OPENROUTER.keyEnvVars()).containsExactly("OPENROUTER_API_KEY");
    assertThat(ServerPreset.OPENROUTER.needsKey()).isTrue();
    assertThat(ServerPreset.LLAMA_CPP.needsKey()).isFalse();
  }
}
