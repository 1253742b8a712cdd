package dev.llmos.hal.safety;

import dev.llmos.hal.telemetry.Telemetry;
import java.util.List;

/**
 * What the context rules need to know about the robot's surroundings.
 *
 * @param rangesM one reading per distance sensor, in the order of the robot's capabilities, metres
 * @param bumper whether the bumper is pressed
 */
public record Surroundings(List<Double> rangesM, boolean bumper) {
  public Surroundings {
    rangesM = List.copyOf(rangesM);
  }

  public static Surroundings of(Telemetry telemetry) {
    return new Surroundings(telemetry.rangesM(), telemetry.bumper());
  }
}
