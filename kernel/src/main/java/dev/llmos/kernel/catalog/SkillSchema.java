package dev.llmos.kernel.catalog;

import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.ProblemCollector;
import dev.llmos.kernel.document.YamlMap;
import dev.llmos.kernel.volume.Names;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The skill schema: the Agent Skills fields ({@code name}, {@code description} required; {@code
 * license}, {@code compatibility}, {@code metadata}, {@code allowed-tools} optional) and LLMos's
 * {@code provenance}. Anything else is refused.
 */
public final class SkillSchema {
  public static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "license",
          "compatibility",
          "metadata",
          "allowed-tools",
          Provenance.FIELD);
  static final int MAX_COMPATIBILITY_CHARS = 500;

  private SkillSchema() {}

  /**
   * Validates a SKILL.md; every problem found is reported at once.
   *
   * @param expectedName the skill's folder name, which {@code name} must equal
   */
  public static SkillSpec read(
      MarkdownDocument doc,
      String expectedName,
      VolumeKind volume,
      List<String> resources,
      KernelSettings settings) {
    YamlMap f = doc.fields();
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> f.allowOnly(FIELDS));
    Optional<String> name = problems.check(() -> f.string("name"));
    name.ifPresent(n -> checkName(problems, f, n, expectedName, "folder"));
    Optional<String> description =
        problems.check(() -> description(f, settings.maxDescriptionChars()));
    Optional<String> license = problems.check(() -> f.optionalString("license")).flatMap(o -> o);
    Optional<String> compatibility =
        problems
            .check(() -> f.optionalString("compatibility"))
            .flatMap(o -> o)
            .filter(
                c -> {
                  if (c.length() > MAX_COMPATIBILITY_CHARS) {
                    problems.add(
                        f.valueLocationOf("compatibility"),
                        "field 'compatibility' is "
                            + c.length()
                            + " characters; at most "
                            + MAX_COMPATIBILITY_CHARS
                            + " are allowed");
                  }
                  return true;
                });
    Map<String, String> metadata = problems.check(() -> f.stringMap("metadata")).orElse(Map.of());
    Optional<String> allowedTools =
        problems.check(() -> f.optionalString("allowed-tools")).flatMap(o -> o);
    List<Provenance> provenance = problems.check(() -> Provenance.readAll(f)).orElse(List.of());
    if (doc.body().isBlank()) {
      problems.add(
          dev.llmos.kernel.document.SourceLocation.of(doc.source(), doc.bodyFirstLine()),
          "the skill has no instructions: its body must say how to do what it describes");
    }
    problems.throwIfAny();
    return new SkillSpec(
        name.orElseThrow(),
        description.orElseThrow(),
        license,
        compatibility,
        metadata,
        allowedTools,
        provenance,
        volume,
        SkillSpec.pathOf(expectedName),
        resources,
        doc);
  }

  static String description(YamlMap f, int maxChars) {
    String d = f.string("description");
    if (d.isBlank()) {
      throw new dev.llmos.kernel.document.InvalidDocumentException(
          f.valueLocationOf("description"),
          "field 'description' must say what this does and when to use it; it is blank");
    }
    if (d.length() > maxChars) {
      throw new dev.llmos.kernel.document.InvalidDocumentException(
          f.valueLocationOf("description"),
          "field 'description' is "
              + d.length()
              + " characters; at most "
              + maxChars
              + " are allowed (kernel config documents.max_description_chars)");
    }
    return d;
  }

  static void checkName(
      ProblemCollector problems, YamlMap f, String name, String expected, String what) {
    Names.problem(name).ifPresent(p -> problems.add(f.valueLocationOf("name"), p));
    if (!name.equals(expected)) {
      problems.add(
          f.valueLocationOf("name"),
          "name '" + name + "' does not match the " + what + " name '" + expected + "'");
    }
  }
}
