package dev.llmos.hal.protocol;

import java.util.Optional;

/** The frame types, with their wire codes (the header's {@code type} byte). */
public enum MessageType {
  /** Host → robot: please send your hello. */
  HELLO_REQUEST(0x01),
  /** Robot → host: protocol version and capabilities. */
  HELLO(0x02),
  /** Host → robot: the host is alive. */
  HEARTBEAT(0x03),
  /** Host → robot: a command, answered by an ack or a nack. */
  COMMAND(0x10),
  /** Robot → host: the command with this sequence number was accepted. */
  ACK(0x11),
  /** Robot → host: the command with this sequence number was refused, and why. */
  NACK(0x12),
  /** Robot → host: one sample of the sensors. */
  TELEMETRY(0x20),
  /** Robot → host: something happened (a safety stop, a log line). */
  EVENT(0x21),
  /** Robot → host: one chunk of a camera frame. */
  FRAME_CHUNK(0x22);

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type for a wire code, empty for a code this version does not define. */
  public static Optional<MessageType> ofCode(int code) {
    return code >= 0 && code < 256 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
  }
}
