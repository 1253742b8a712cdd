package dev.llmos.kernel.usage;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.SkillSpec;
import java.util.Locale;

/** The two kinds of thing whose use is counted and which can be promoted. */
public enum ItemKind {
  AGENT,
  SKILL;

  /** The lower-case name used in keys, messages and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The volume-relative file that defines an item of this kind. */
  public String pathOf(String name) {
    return this == AGENT ? AgentSpec.pathOf(name) : SkillSpec.pathOf(name);
  }

  /** Parses {@code agent} or {@code skill}. */
  public static ItemKind parse(String label) {
    for (ItemKind kind : values()) {
      if (kind.label().equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown kind '" + label + "': expected agent or skill");
  }
}
