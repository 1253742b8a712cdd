package dev.llmos.kernel.workspace;

import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.document.Yaml;
import dev.llmos.kernel.document.YamlMap;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace's {@code llmos.yaml}. Command-line flags and {@code LLMOS_*} environment variables
 * override it; it overrides the kernel's defaults.
 *
 * @param systemVolume a system volume directory to use instead of the shipped one
 * @param runtimeModel where the runtime LLM is served, if the workspace says
 */
public record WorkspaceSettings(Optional<Path> systemVolume, ModelSettings runtimeModel) {
  /** The settings of a workspace without {@code llmos.yaml}. */
  public static final WorkspaceSettings DEFAULTS =
      new WorkspaceSettings(Optional.empty(), ModelSettings.NONE);

  public static final String FILE = "llmos.yaml";

  /** What {@code llmos init} writes. */
  public static final String TEMPLATE =
      """
      # LLMos workspace settings.
      # Precedence: command-line flag > LLMOS_* environment variable > this file > kernel defaults.
      version: 1
      # A system volume directory to use instead of the one shipped with LLMos (optional).
      # system_volume: ../llmos/volumes/system
      # The runtime LLM (Qwen3-VL-8B), used by `llmos run --vlm`; see docs/runtime-llm.md.
      # API keys come from the environment only (LLMOS_VLM_API_KEY, OPENROUTER_API_KEY).
      # runtime_model:
      #   preset: llama.cpp          # llama.cpp | vllm | ollama | openrouter
      #   base_url: http://127.0.0.1:8080/v1
      #   model: Qwen/Qwen3-VL-8B-Instruct
      #   timeout_s: 30
      #   max_concurrent: 4          # RSA's calls at once; llama.cpp: -np max_concurrent + 2
      #   max_retries: 3
      """;

  public static WorkspaceSettings parse(String source, String text, Path workspaceRoot) {
    YamlMap map = Yaml.parseMapping(source, text, 1);
    map.allowOnly(Set.of("version", "system_volume", ModelSettings.KEY));
    int version = map.integer("version", 1, 1);
    if (version != 1) {
      throw new InvalidDocumentException(SourceLocation.of(source), "unsupported version");
    }
    return new WorkspaceSettings(
        map.optionalString("system_volume").map(p -> workspaceRoot.resolve(p).normalize()),
        map.has(ModelSettings.KEY)
            ? ModelSettings.read(map.map(ModelSettings.KEY))
            : ModelSettings.NONE);
  }
}
