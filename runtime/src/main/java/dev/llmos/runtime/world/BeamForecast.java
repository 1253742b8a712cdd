package dev.llmos.runtime.world;

/**
 * What the map expects one range beam to read. The map knows a stretch of free cells and then
 * either an obstacle ({@link #exact}), the end of the beam ({@link #exact} at the maximum range),
 * or cells it has never seen, past which a reading of anything from {@link #atLeastM} on is
 * unsurprising.
 *
 * @param atLeastM the beam is known free up to here, metres
 * @param exact whether the map predicts the reading itself: {@code atLeastM} exactly
 */
public record BeamForecast(double atLeastM, boolean exact) {
  public BeamForecast {
    if (!(atLeastM >= 0) || !Double.isFinite(atLeastM)) {
      throw new IllegalArgumentException("a beam forecast needs a distance >= 0, got " + atLeastM);
    }
  }

  /** The map has an obstacle at this distance. */
  public static BeamForecast hitAt(double distanceM) {
    return new BeamForecast(distanceM, true);
  }

  /** The map knows the beam free to its end: it should read the maximum range. */
  public static BeamForecast clearTo(double maxRangeM) {
    return new BeamForecast(maxRangeM, true);
  }

  /** The map knows the beam free up to here and nothing beyond. */
  public static BeamForecast unknownBeyond(double distanceM) {
    return new BeamForecast(distanceM, false);
  }

  /**
   * How far a reading is from the forecast, metres: its distance from an exact forecast, or how far
   * short of the known-free stretch it fell (anything past it the map could not predict).
   */
  public double errorM(double readingM) {
    return exact ? Math.abs(readingM - atLeastM) : Math.max(0, atLeastM - readingM);
  }
}
