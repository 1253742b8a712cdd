package dev.llmos.kernel.catalog;

import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated skill in the Agent Skills layout ({@code skills/<name>/SKILL.md}, with optional
 * {@code scripts/}, {@code references/} and {@code assets/} beside it).
 *
 * @param resources volume-relative paths of the files beside SKILL.md
 */
public record SkillSpec(
    String name,
    String description,
    Optional<String> license,
    Optional<String> compatibility,
    Map<String, String> metadata,
    Optional<String> allowedTools,
    List<Provenance> provenance,
    VolumeKind volume,
    String path,
    List<String> resources,
    MarkdownDocument document) {

  public SkillSpec {
    metadata = Map.copyOf(metadata);
    provenance = List.copyOf(provenance);
    resources = List.copyOf(resources);
  }

  /** The volume-relative directory of a skill. */
  public static String directoryOf(String name) {
    return "skills/" + name;
  }

  /** The volume-relative path of a skill's SKILL.md. */
  public static String pathOf(String name) {
    return directoryOf(name) + "/SKILL.md";
  }
}
