package dev.llmos.hal.protocol;

/**
 * Receives what a {@link FrameDecoder} makes of its input. Called on the thread that feeds the
 * decoder; a listener must not throw.
 */
public interface FrameListener {
  /** A frame that passed every check. */
  void onFrame(Frame frame);

  /** Bytes up to a delimiter were dropped; the decoder has counted them. */
  default void onDrop(DropReason reason) {}

  /**
   * An intact frame (right CRC and version) of a known type whose payload could not be read, so its
   * sequence number can be trusted: a robot answers such a COMMAND with a nack (MALFORMED or
   * UNKNOWN_COMMAND) instead of leaving the host to retry. Called after {@link #onDrop}.
   */
  default void onRejected(int seq, MessageType type, DropReason reason) {}
}
