package dev.llmos.kernel.usage;

import java.util.Objects;

/** One use of an agent or skill and whether it succeeded. */
public record UsageEvent(UsageKey key, boolean success) {
  public UsageEvent {
    Objects.requireNonNull(key, "key");
  }

  /** {@code skill obstacle-avoidance succeeded}. */
  public String describe() {
    return key.describe() + (success ? " succeeded" : " failed");
  }
}
