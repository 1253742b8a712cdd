package dev.llmos.hal.protocol;

/**
 * SI values to and from the wire's fixed-point integers. A value is multiplied by its scale (1000
 * for mm from m), rounded half away from zero, and saturated at the integer type's range; NaN has
 * no integer and is refused.
 */
public final class FixedPoint {
  private FixedPoint() {}

  /** Rounds half away from zero: 2.5 → 3, -2.5 → -3, 2.4999 → 2. */
  public static double roundHalfAwayFromZero(double value) {
    double magnitude = Math.abs(value);
    double whole = Math.floor(magnitude);
    // magnitude - whole is exact for doubles, unlike the classic floor(x + 0.5).
    if (magnitude - whole >= 0.5) {
      whole += 1;
    }
    return Math.copySign(whole, value);
  }

  /**
   * The integer for {@code value * scale}, rounded half away from zero and saturated to [min, max].
   *
   * @param field named in the error when the value is NaN
   */
  public static long toFixed(double value, double scale, long min, long max, String field) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(field + " is NaN and has no wire value");
    }
    double rounded = roundHalfAwayFromZero(value * scale);
    if (rounded <= min) {
      return min;
    }
    if (rounded >= max) {
      return max;
    }
    return (long) rounded;
  }
}
