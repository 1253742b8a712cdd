package dev.llmos.kernel.promotion;

import java.util.Locale;

/** Success rates as people read them: whole percentages, unless rounding would hide a shortfall. */
final class Percent {
  private Percent() {}

  /** {@code 0.8} as {@code 80%}. */
  static String of(double rate) {
    return Math.round(rate * 100) + "%";
  }

  /**
   * A rate that falls short of a required one: one decimal where the whole number would equal the
   * requirement, so "needs 80%, has 80%" is never printed.
   */
  static String shortOf(double rate, double required) {
    if (Math.round(rate * 100) >= Math.round(required * 100)) {
      return String.format(Locale.ROOT, "%.1f%%", Math.floor(rate * 1000) / 10);
    }
    return of(rate);
  }

  /** How many percentage points a rate is short of another, never shown as 0. */
  static String pointsShort(double rate, double required) {
    double points = (required - rate) * 100;
    if (points < 0.5) {
      return String.format(Locale.ROOT, "%.1f points", Math.max(0.1, Math.ceil(points * 10) / 10));
    }
    long whole = Math.round(points);
    return whole + (whole == 1 ? " point" : " points");
  }
}
