package dev.llmos.hal.reflex;

import dev.llmos.hal.safety.Surroundings;
import dev.llmos.hal.telemetry.Telemetry;
import java.util.List;

/**
 * What the reflex reads from the robot's sensors each control cycle.
 *
 * @param rangesM one reading per distance sensor, in the order of the capabilities, metres
 * @param bumper whether the bumper is pressed
 * @param leftTicks left encoder count since boot
 * @param rightTicks right encoder count since boot
 */
public record SensorReadings(
    List<Double> rangesM, boolean bumper, long leftTicks, long rightTicks) {
  public SensorReadings {
    rangesM = List.copyOf(rangesM);
  }

  public static SensorReadings of(Telemetry telemetry) {
    return new SensorReadings(
        telemetry.rangesM(), telemetry.bumper(), telemetry.leftTicks(), telemetry.rightTicks());
  }

  public Surroundings surroundings() {
    return new Surroundings(rangesM, bumper);
  }
}
