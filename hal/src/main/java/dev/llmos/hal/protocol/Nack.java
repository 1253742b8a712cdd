package dev.llmos.hal.protocol;

/**
 * The robot refused the command with this sequence number.
 *
 * @param commandSeq the COMMAND frame's sequence number, 0–65535
 * @param reason why
 */
public record Nack(int commandSeq, NackReason reason) implements CommandReply {
  public Nack {
    FrameFormat.requireSeq(commandSeq, "commandSeq");
    if (reason == null) {
      throw new IllegalArgumentException("a nack needs a reason");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.NACK;
  }
}
