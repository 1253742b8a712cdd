package dev.llmos.hal.reflex;

import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.telemetry.RobotEvent;
import java.util.List;

/**
 * What the reflex decided in one control cycle.
 *
 * @param wheels the rim speeds to drive the motors at until the next cycle
 * @param events what to report to the host, oldest first
 */
public record ReflexOutput(WheelSpeeds wheels, List<RobotEvent> events) {
  public ReflexOutput {
    if (wheels == null) {
      throw new IllegalArgumentException("wheel speeds are required");
    }
    events = List.copyOf(events);
  }
}
