package dev.llmos.kernel.config;

/**
 * One RSA run's shape, resolved for the robots at hand (see {@link RuntimePolicy#preset}).
 *
 * @param name the preset's name: {@code quick}, {@code standard}, {@code deep} or {@code swarm}
 * @param population N, the candidates kept at every step
 * @param subset K, the candidates aggregated into each new one, at most N
 * @param steps T, the aggregation steps at most (0: vote over the first population)
 * @param consensus the fraction of the population that must agree to stop early, above 0 to 1
 */
public record RsaPreset(String name, int population, int subset, int steps, double consensus) {
  public RsaPreset {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an RSA preset needs a name");
    }
    if (population < 1 || subset < 1 || subset > population) {
      throw new IllegalArgumentException(
          "RSA preset "
              + name
              + ": needs 1 <= subset <= population, got subset "
              + subset
              + " of population "
              + population);
    }
    if (steps < 0) {
      throw new IllegalArgumentException(
          "RSA preset " + name + ": steps must be >= 0, got " + steps);
    }
    if (!(consensus > 0 && consensus <= 1)) {
      throw new IllegalArgumentException(
          "RSA preset " + name + ": consensus must be above 0 and at most 1, got " + consensus);
    }
  }
}
