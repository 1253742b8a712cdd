package dev.llmos.kernel.usage;

import dev.llmos.kernel.volume.Names;
import java.util.Objects;

/** An agent or skill whose uses are counted, written {@code skill:obstacle-avoidance} in files. */
public record UsageKey(ItemKind kind, String name) implements Comparable<UsageKey> {
  public UsageKey {
    Objects.requireNonNull(kind, "kind");
    Names.require(name);
  }

  public static UsageKey skill(String name) {
    return new UsageKey(ItemKind.SKILL, name);
  }

  public static UsageKey agent(String name) {
    return new UsageKey(ItemKind.AGENT, name);
  }

  /** Parses {@code kind:name}. */
  public static UsageKey parse(String key) {
    int colon = key.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "'" + key + "' is not an item key; expected kind:name such as skill:obstacle-avoidance");
    }
    return new UsageKey(ItemKind.parse(key.substring(0, colon)), key.substring(colon + 1));
  }

  /** The form used in usage files: {@code kind:name}. */
  public String key() {
    return kind.label() + ":" + name;
  }

  /** The form used in messages: {@code skill obstacle-avoidance}. */
  public String describe() {
    return kind.label() + " " + name;
  }

  @Override
  public int compareTo(UsageKey other) {
    return key().compareTo(other.key());
  }

  @Override
  public String toString() {
    return key();
  }
}
