package dev.llmos.hal.robot;

import java.util.List;
import java.util.Optional;

/**
 * What a robot says about itself when it connects (the protocol's hello).
 *
 * @param robotId the robot's name, unique on its host or fleet
 * @param model the hardware or simulator model
 * @param firmwareVersion the firmware or simulator version
 * @param trackWidthM distance between the wheels, metres
 * @param wheelDiameterM wheel diameter, metres
 * @param ticksPerRevolution encoder ticks per wheel revolution
 * @param maxWheelSpeedMps the motors' own top speed, m/s (the safety limit may be lower)
 * @param watchdogTimeoutS how long the robot keeps moving without a heartbeat, seconds
 * @param rangeSensors the distance sensors, in telemetry order
 * @param lineSensorCount downward line sensors
 * @param camera the camera, if it has one
 */
public record Capabilities(
    String robotId,
    String model,
    String firmwareVersion,
    double trackWidthM,
    double wheelDiameterM,
    int ticksPerRevolution,
    double maxWheelSpeedMps,
    double watchdogTimeoutS,
    List<RangeSensor> rangeSensors,
    int lineSensorCount,
    Optional<CameraSpec> camera) {

  public Capabilities {
    rangeSensors = List.copyOf(rangeSensors);
    if (robotId == null || robotId.isBlank()) {
      throw new IllegalArgumentException("a robot needs an id");
    }
    if (!(trackWidthM > 0) || !(wheelDiameterM > 0) || ticksPerRevolution < 1) {
      throw new IllegalArgumentException("track width, wheel diameter and ticks must be positive");
    }
  }
}
