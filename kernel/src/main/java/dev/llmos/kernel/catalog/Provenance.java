package dev.llmos.kernel.catalog;

import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.YamlMap;
import dev.llmos.kernel.volume.VolumeKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One promotion of an agent or skill, kept in its frontmatter under {@code provenance} so that the
 * file itself says where it came from, when, and on what evidence.
 *
 * @param from the volume it left
 * @param to the volume it entered
 * @param at when
 * @param uses recorded uses at the time
 * @param successes successful uses among them
 * @param approvedBy who approved it, for promotions that need approval
 * @param sourceCommit the commit of the source volume it was taken from
 */
public record Provenance(
    VolumeKind from,
    VolumeKind to,
    Instant at,
    int uses,
    int successes,
    Optional<String> approvedBy,
    Optional<String> sourceCommit) {

  static final String FIELD = "provenance";

  public Provenance {
    if (uses < 0 || successes < 0 || successes > uses) {
      throw new IllegalArgumentException("successes must be between 0 and uses");
    }
  }

  public double successRate() {
    return uses == 0 ? 0 : (double) successes / uses;
  }

  /** The frontmatter form, in a fixed key order. */
  public Map<String, Object> toYaml() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from.label());
    m.put("to", to.label());
    m.put("at", at.toString());
    m.put("uses", uses);
    m.put("successes", successes);
    approvedBy.ifPresent(a -> m.put("approved_by", a));
    sourceCommit.ifPresent(c -> m.put("source_commit", c));
    return m;
  }

  /** Reads the {@code provenance} list of a frontmatter; absent means none. */
  public static List<Provenance> readAll(YamlMap frontmatter) {
    List<Provenance> out = new ArrayList<>();
    for (YamlMap item : frontmatter.mapList(FIELD)) {
      item.allowOnly(
          Set.of("from", "to", "at", "uses", "successes", "approved_by", "source_commit"));
      Set<String> volumes = Set.of("user", "team", "system");
      VolumeKind from = VolumeKind.parse(item.choice("from", volumes));
      VolumeKind to = VolumeKind.parse(item.choice("to", volumes));
      Instant at;
      try {
        at = Instant.parse(item.string("at"));
      } catch (DateTimeParseException e) {
        throw new InvalidDocumentException(
            item.valueLocationOf("at"),
            "field 'at' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
      }
      int uses = item.integer("uses", 0, Integer.MAX_VALUE);
      int successes = item.integer("successes", 0, uses);
      out.add(
          new Provenance(
              from,
              to,
              at,
              uses,
              successes,
              item.optionalString("approved_by"),
              item.optionalString("source_commit")));
    }
    return List.copyOf(out);
  }
}
