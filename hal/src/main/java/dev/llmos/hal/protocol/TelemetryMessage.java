package dev.llmos.hal.protocol;

import dev.llmos.hal.telemetry.Telemetry;

/** One telemetry sample, sent by the robot at its fixed rate. */
public record TelemetryMessage(Telemetry telemetry) implements Message {
  public TelemetryMessage {
    if (telemetry == null) {
      throw new IllegalArgumentException("a telemetry message needs a sample");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.TELEMETRY;
  }
}
