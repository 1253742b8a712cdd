package dev.llmos.kernel.search;

import dev.llmos.kernel.volume.VolumeKind;
import java.util.Objects;

/**
 * One skill found by a search.
 *
 * @param score the BM25 relevance score; higher is better, comparable only within one search
 * @param volume the volume the skill resolves to
 */
public record SkillHit(String name, double score, VolumeKind volume, String description) {
  public SkillHit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(description, "description");
  }
}
