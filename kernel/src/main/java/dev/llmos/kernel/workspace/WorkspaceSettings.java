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
 */
public record WorkspaceSettings(Optional<Path> systemVolume) {
  public static final String FILE = "llmos.yaml";

  /** What {@code llmos init} writes. */
  public static final String TEMPLATE =
      """
      # LLMos workspace settings.
      # Precedence: command-line flag > LLMOS_* environment variable > this file > kernel defaults.
      version: 1
      # A system volume directory to use instead of the one shipped with LLMos (optional).
      # system_volume: ../llmos/volumes/system
      """;

  public static WorkspaceSettings parse(String source, String text, Path workspaceRoot) {
    YamlMap map = Yaml.parseMapping(source, text, 1);
    map.allowOnly(Set.of("version", "system_volume"));
    int version = map.integer("version", 1, 1);
    if (version != 1) {
      throw new InvalidDocumentException(SourceLocation.of(source), "unsupported version");
    }
    return new WorkspaceSettings(
        map.optionalString("system_volume").map(p -> workspaceRoot.resolve(p).normalize()));
  }
}
