package dev.llmos.sim.world;

/**
 * A single-cell battery: open-circuit voltage falling linearly with charge, a sag under load
 * through its internal resistance, drained by the electronics and by the motors in proportion to
 * their speed.
 *
 * @param fullVoltageV open-circuit voltage when full (4.2 V for a 1S LiPo)
 * @param emptyVoltageV open-circuit voltage when empty (3.3 V, where the regulator gives up)
 * @param capacityMah usable capacity, mAh
 * @param internalResistanceOhm series resistance, ohms
 * @param idleCurrentA what the electronics draw with the motors still, amperes
 * @param motorCurrentAtMaxSpeedA what one motor draws at its top speed, amperes
 */
public record BatteryModel(
    double fullVoltageV,
    double emptyVoltageV,
    double capacityMah,
    double internalResistanceOhm,
    double idleCurrentA,
    double motorCurrentAtMaxSpeedA) {
  /** A 1S 1000 mAh LiPo feeding an ESP32-S3 with camera and two N20 motors. */
  public static final BatteryModel REFERENCE = new BatteryModel(4.2, 3.3, 1000, 0.1, 0.2, 0.25);

  public BatteryModel {
    if (!(emptyVoltageV > 0) || !(fullVoltageV > emptyVoltageV) || !(capacityMah > 0)) {
      throw new IllegalArgumentException(
          "a battery needs 0 < empty < full voltage and a positive capacity, got "
              + emptyVoltageV
              + " V, "
              + fullVoltageV
              + " V, "
              + capacityMah
              + " mAh");
    }
    if (!(internalResistanceOhm >= 0) || !(idleCurrentA >= 0) || !(motorCurrentAtMaxSpeedA >= 0)) {
      throw new IllegalArgumentException("a battery's resistance and currents must be >= 0");
    }
  }

  /** The charge (0–1) that a current drawn for a time removes. */
  public double chargeUsed(double currentA, double durationS) {
    return currentA * durationS / 3.6 / capacityMah;
  }

  /** The terminal voltage at a charge (0–1) while a current flows. */
  public double voltageV(double charge, double currentA) {
    return emptyVoltageV
        + (fullVoltageV - emptyVoltageV) * charge
        - currentA * internalResistanceOhm;
  }
}
