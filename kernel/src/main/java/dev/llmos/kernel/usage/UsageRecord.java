package dev.llmos.kernel.usage;

import dev.llmos.kernel.volume.VolumeKind;
import java.util.Objects;
import java.util.Optional;

/**
 * What recording one use did.
 *
 * @param volume the volume whose usage file counted it
 * @param stats the item's record after the use
 * @param commit the commit that holds the change
 */
public record UsageRecord(
    UsageEvent event, VolumeKind volume, UsageStats stats, Optional<String> commit) {
  public UsageRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(commit, "commit");
  }

  /** {@code skill obstacle-avoidance succeeded (6 uses, 83% success)}. */
  public String describe() {
    return event.describe() + " (" + stats.summary() + ")";
  }
}
