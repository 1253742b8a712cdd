package dev.llmos.runtime.world;

/**
 * The inverse sensor model and the cell thresholds, in log-odds (ln(p / (1 - p))).
 *
 * @param hitLogOdds added to the cell a beam ends in, > 0
 * @param missLogOdds added to each cell a beam passes through, < 0
 * @param minLogOdds lower clamp, < 0: a cell seen free many times can still turn occupied
 * @param maxLogOdds upper clamp, > 0: a cell seen occupied many times can still turn free
 * @param occupiedAboveLogOdds a cell above this is occupied
 * @param freeBelowLogOdds a cell below this is free; between the two it is unknown
 */
public record LogOddsModel(
    double hitLogOdds,
    double missLogOdds,
    double minLogOdds,
    double maxLogOdds,
    double occupiedAboveLogOdds,
    double freeBelowLogOdds) {

  /**
   * A hit is p = 0.7, a miss p = 0.4, clamped at p = 0.12 and 0.97: two hits make a cell occupied,
   * two misses free, and a wall needs a handful of contrary readings to vanish.
   */
  public static final LogOddsModel DEFAULT = new LogOddsModel(0.85, -0.4, -2.0, 3.5, 1.0, -0.6);

  public LogOddsModel {
    if (!(hitLogOdds > 0) || !(missLogOdds < 0) || !(minLogOdds < 0) || !(maxLogOdds > 0)) {
      throw new IllegalArgumentException(
          "log-odds need hit > 0, miss < 0, min < 0 < max, got hit "
              + hitLogOdds
              + ", miss "
              + missLogOdds
              + ", min "
              + minLogOdds
              + ", max "
              + maxLogOdds);
    }
    if (!Double.isFinite(minLogOdds)
        || !Double.isFinite(maxLogOdds)
        || !(freeBelowLogOdds < occupiedAboveLogOdds)
        || !(freeBelowLogOdds > minLogOdds)
        || !(occupiedAboveLogOdds < maxLogOdds)) {
      throw new IllegalArgumentException(
          "log-odds thresholds need min < free below < occupied above < max, got "
              + minLogOdds
              + " < "
              + freeBelowLogOdds
              + " < "
              + occupiedAboveLogOdds
              + " < "
              + maxLogOdds);
    }
  }

  public double clamp(double logOdds) {
    return Math.max(minLogOdds, Math.min(maxLogOdds, logOdds));
  }

  public CellState state(double logOdds) {
    if (logOdds > occupiedAboveLogOdds) {
      return CellState.OCCUPIED;
    }
    return logOdds < freeBelowLogOdds ? CellState.FREE : CellState.UNKNOWN;
  }

  /** Probability of occupancy for a log-odds value. */
  public static double probability(double logOdds) {
    return 1 / (1 + Math.exp(-logOdds));
  }
}
