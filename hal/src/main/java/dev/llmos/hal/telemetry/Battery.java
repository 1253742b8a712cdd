package dev.llmos.hal.telemetry;

/**
 * The battery's state.
 *
 * @param voltageV terminal voltage, volts
 * @param charge remaining charge, 0 (empty) to 1 (full)
 */
public record Battery(double voltageV, double charge) {
  public Battery {
    if (!(charge >= 0 && charge <= 1)) {
      throw new IllegalArgumentException("charge must be between 0 and 1, got " + charge);
    }
  }
}
