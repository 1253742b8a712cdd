package dev.llmos.kernel.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the RSA planner samples, aggregates and votes, from the {@code rsa} section of {@code
 * kernel/runtime-rules.md}.
 *
 * @param temperature sampling temperature of every RSA call, 0 to 2
 * @param maxTokens the most tokens one reply may have
 * @param consensusRadiusM two plans agree when their end points are at most this far apart, metres
 * @param finalSelection how the final plan is chosen from the last population
 * @param presets the presets by name, as the kernel file gives them (the swarm's population open)
 */
public record RsaSettings(
    double temperature,
    int maxTokens,
    double consensusRadiusM,
    FinalSelection finalSelection,
    Map<String, PresetRule> presets) {

  public RsaSettings {
    presets = Map.copyOf(presets);
  }

  /** How the final answer is chosen from the last population. */
  public enum FinalSelection {
    /** A member of the largest group of agreeing candidates. */
    MAJORITY,
    /** A valid candidate drawn with the run's seed. */
    RANDOM;

    /** The name in the kernel file and in histories: {@code majority}, {@code random}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FinalSelection> of(String key) {
      for (FinalSelection s : values()) {
        if (s.key().equals(key)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A preset as written: its population is a number, or the number of robots ({@code population:
   * robots}, the swarm's), known only when a run starts.
   *
   * @param name the preset's name
   * @param population N, or empty for one candidate per robot
   * @param subset K; with one candidate per robot, at most this many
   * @param steps T
   * @param consensus the agreeing fraction that stops early
   */
  public record PresetRule(
      String name, OptionalInt population, int subset, int steps, double consensus) {

    /**
     * The preset for {@code robots} robots: a fixed population ignores the count; one candidate per
     * robot makes N the count and K the smaller of the subset and N.
     */
    public RsaPreset resolve(int robots) {
      if (population.isPresent()) {
        return new RsaPreset(name, population.getAsInt(), subset, steps, consensus);
      }
      if (robots < 1) {
        throw new IllegalArgumentException(
            "RSA preset " + name + " takes one candidate per robot and needs at least one robot");
      }
      return new RsaPreset(name, robots, Math.min(robots, subset), steps, consensus);
    }
  }
}
