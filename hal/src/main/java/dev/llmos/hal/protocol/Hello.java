package dev.llmos.hal.protocol;

import dev.llmos.hal.robot.Capabilities;

/**
 * The robot introduces itself.
 *
 * @param protocolVersion the version the robot speaks (its first payload byte in every version)
 * @param capabilities what the robot is and has
 */
public record Hello(int protocolVersion, Capabilities capabilities) implements Message {
  public Hello {
    if (protocolVersion < 0 || protocolVersion > 255) {
      throw new IllegalArgumentException(
          "protocolVersion must be within 0–255, got " + protocolVersion);
    }
    if (capabilities == null) {
      throw new IllegalArgumentException("a hello needs capabilities");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.HELLO;
  }
}
