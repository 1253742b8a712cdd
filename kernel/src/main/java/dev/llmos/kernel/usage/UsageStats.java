package dev.llmos.kernel.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * The use record of one item in one volume.
 *
 * @param uses recorded uses
 * @param successes uses that succeeded, at most {@code uses}
 * @param firstUsed when the first recorded use happened
 * @param lastUsed when the latest recorded use happened
 */
public record UsageStats(int uses, int successes, Instant firstUsed, Instant lastUsed) {
  public UsageStats {
    Objects.requireNonNull(firstUsed, "firstUsed");
    Objects.requireNonNull(lastUsed, "lastUsed");
    if (uses < 1 || successes < 0 || successes > uses) {
      throw new IllegalArgumentException(
          "a use record needs at least 1 use and between 0 and uses successes; got "
              + uses
              + " uses, "
              + successes
              + " successes");
    }
    if (lastUsed.isBefore(firstUsed)) {
      throw new IllegalArgumentException("last use " + lastUsed + " is before first " + firstUsed);
    }
  }

  /** The record of a single use. */
  public static UsageStats first(boolean success, Instant at) {
    return new UsageStats(1, success ? 1 : 0, at, at);
  }

  /** This record with one more use. */
  public UsageStats plus(boolean success, Instant at) {
    Instant last = at.isAfter(lastUsed) ? at : lastUsed;
    Instant first = at.isBefore(firstUsed) ? at : firstUsed;
    return new UsageStats(uses + 1, successes + (success ? 1 : 0), first, last);
  }

  /** Successes over uses, 0 to 1. */
  public double successRate() {
    return (double) successes / uses;
  }

  /** The success rate as a whole percentage, for messages. */
  public long successPercent() {
    return Math.round(successRate() * 100);
  }

  /** {@code 6 uses, 83% success}. */
  public String summary() {
    return uses + (uses == 1 ? " use, " : " uses, ") + successPercent() + "% success";
  }
}
