package dev.llmos.hal.protocol;

/**
 * One frame: the sender's sequence number and the message.
 *
 * @param seq 0–65535, from the sender's counter; a resent command keeps its number
 * @param message what it carries
 */
public record Frame(int seq, Message message) {
  public Frame {
    FrameFormat.requireSeq(seq, "seq");
    if (message == null) {
      throw new IllegalArgumentException("a frame needs a message");
    }
  }
}
