package dev.llmos.hal.protocol;

/**
 * The sizes and constants of a frame. A decoded frame is {@code version u8 | type u8 | seq u16 |
 * payload_len u16 | payload | crc32c u32}, little-endian; on the wire it is COBS-encoded between
 * two 0x00 delimiters.
 */
public final class FrameFormat {
  /** The protocol version this code speaks. */
  public static final int VERSION = 1;

  /** version, type, seq and payload length. */
  public static final int HEADER_BYTES = 6;

  public static final int CRC_BYTES = 4;

  /** The largest payload a frame may carry. */
  public static final int MAX_PAYLOAD_BYTES = 1024;

  /** The largest frame before COBS encoding. */
  public static final int MAX_FRAME_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES + CRC_BYTES;

  /** The largest COBS-encoded frame, delimiters excluded: one code byte per 254 data bytes. */
  public static final int MAX_ENCODED_BYTES = MAX_FRAME_BYTES + MAX_FRAME_BYTES / 254 + 1;

  /** The frame delimiter; COBS guarantees it appears nowhere inside an encoded frame. */
  public static final byte DELIMITER = 0;

  /** The largest sequence number; sequence numbers wrap from here to 0. */
  public static final int MAX_SEQ = 0xFFFF;

  private FrameFormat() {}

  /** Refuses a sequence number outside 0–65535. */
  static int requireSeq(int seq, String field) {
    if (seq < 0 || seq > MAX_SEQ) {
      throw new IllegalArgumentException(field + " must be within 0–65535, got " + seq);
    }
    return seq;
  }
}
