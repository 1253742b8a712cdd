package dev.llmos.hal.protocol;

import dev.llmos.hal.telemetry.RobotEvent;

/** Something the robot reports on its own; its text is cut to 255 UTF-8 bytes on the wire. */
public record EventMessage(RobotEvent event) implements Message {
  public EventMessage {
    if (event == null || event.kind() == null || event.message() == null) {
      throw new IllegalArgumentException("an event message needs an event with a kind and text");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.EVENT;
  }
}
