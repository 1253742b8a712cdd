package dev.llmos.hal.protocol;

/**
 * The robot accepted the command with this sequence number.
 *
 * @param commandSeq the COMMAND frame's sequence number, 0–65535
 */
public record Ack(int commandSeq) implements CommandReply {
  public Ack {
    FrameFormat.requireSeq(commandSeq, "commandSeq");
  }

  @Override
  public MessageType type() {
    return MessageType.ACK;
  }
}
