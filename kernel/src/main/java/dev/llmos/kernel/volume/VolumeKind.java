package dev.llmos.kernel.volume;

import java.util.Locale;

/** The three volumes, in lookup order: a user's file hides a team's, which hides the system's. */
public enum VolumeKind {
  USER,
  TEAM,
  SYSTEM;

  /** The lower-case name used in paths, messages and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code user}, {@code team} or {@code system}. */
  public static VolumeKind parse(String label) {
    for (VolumeKind kind : values()) {
      if (kind.label().equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown volume '" + label + "': expected user, team or system");
  }
}
