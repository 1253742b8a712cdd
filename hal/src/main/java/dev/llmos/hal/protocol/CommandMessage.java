package dev.llmos.hal.protocol;

import dev.llmos.hal.command.Command;

/** A command for the robot, answered by an {@link Ack} or a {@link Nack}. */
public record CommandMessage(Command command) implements Message {
  public CommandMessage {
    if (command == null) {
      throw new IllegalArgumentException("a command message needs a command");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.COMMAND;
  }
}
