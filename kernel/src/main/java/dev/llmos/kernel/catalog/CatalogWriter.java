package dev.llmos.kernel.catalog;

import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.volume.Names;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import java.util.List;
import java.util.Map;

/**
 * Writes agents and skills into a volume. Everything is validated before anything is written, and
 * each write is one commit whose message says what and why.
 */
public final class CatalogWriter {
  private final VolumeSet volumes;
  private final KernelSettings settings;

  public CatalogWriter(VolumeSet volumes, KernelSettings settings) {
    this.volumes = volumes;
    this.settings = settings;
  }

  /**
   * Validates an agent and writes it to {@code agents/<name>.md} of a volume.
   *
   * @param why the commit message: what was written and why
   */
  public AgentSpec writeAgent(VolumeKind target, MarkdownDocument doc, String why) {
    Volume volume = volumes.require(target);
    String name = nameOf(doc);
    Catalog current = Catalog.load(volumes, settings);
    AgentSpec spec =
        AgentSchema.read(
            doc.withSource(Catalog.sourceName(volume, AgentSpec.pathOf(name))),
            name,
            target,
            current.skillNames(),
            settings);
    volume.transact(
        why,
        tx -> {
          refuseExisting(volume, tx, spec.path(), "an agent");
          tx.put(spec.path(), doc.bytes());
        });
    return spec;
  }

  /**
   * Validates a skill and writes its SKILL.md and resources under {@code skills/<name>/} of a
   * volume, as one commit.
   *
   * @param resources files beside SKILL.md, by path relative to the skill folder
   */
  public SkillSpec writeSkill(
      VolumeKind target, MarkdownDocument skillMd, Map<String, byte[]> resources, String why) {
    Volume volume = volumes.require(target);
    String name = nameOf(skillMd);
    String dir = SkillSpec.directoryOf(name);
    List<String> resourcePaths = resources.keySet().stream().map(r -> dir + "/" + r).toList();
    resourcePaths.forEach(volume::resolve);
    SkillSpec spec =
        SkillSchema.read(
            skillMd.withSource(Catalog.sourceName(volume, SkillSpec.pathOf(name))),
            name,
            target,
            resourcePaths,
            settings);
    volume.transact(
        why,
        tx -> {
          refuseExisting(volume, tx, spec.path(), "a skill");
          tx.put(spec.path(), skillMd.bytes());
          resources.forEach((rel, bytes) -> tx.put(dir + "/" + rel, bytes));
        });
    return spec;
  }

  /**
   * Refuses to replace a file, checked under the volume's write lock: what is there may be a
   * person's work, valid or not, and a new document never silently takes its place.
   */
  private static void refuseExisting(
      Volume volume, Volume.Transaction tx, String path, String what) {
    if (tx.read(path).isPresent()) {
      throw new InvalidDocumentException(
          SourceLocation.of(Catalog.sourceName(volume, path)),
          "there is already "
              + what
              + " file here (valid or not); choose another name, or edit or remove this file");
    }
  }

  /** The {@code name} of a document, refused before it can become a path if it breaks the rule. */
  private static String nameOf(MarkdownDocument doc) {
    String name = doc.fields().string("name");
    Names.problem(name)
        .ifPresent(
            p -> {
              throw new InvalidDocumentException(doc.fields().valueLocationOf("name"), p);
            });
    return name;
  }
}
