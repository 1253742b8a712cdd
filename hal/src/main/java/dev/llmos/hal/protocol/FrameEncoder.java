package dev.llmos.hal.protocol;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Turns a sequence number and a message into wire bytes: {@code 0x00 | COBS(frame) | 0x00}. The
 * leading delimiter lets a receiver that saw line noise start clean on this frame. Not thread-safe:
 * it reuses its buffers; give each sender its own.
 */
public final class FrameEncoder {
  private final byte[] frame = new byte[FrameFormat.MAX_FRAME_BYTES];
  private final byte[] wire = new byte[FrameFormat.MAX_ENCODED_BYTES + 2];
  private final CRC32C crc = new CRC32C();

  /**
   * The wire bytes for one frame.
   *
   * @throws IllegalArgumentException when the message cannot be put on the wire: a payload over
   *     {@link FrameFormat#MAX_PAYLOAD_BYTES}, a NaN, a string too long, a sequence number outside
   *     0–65535
   */
  public byte[] encode(int seq, Message message) {
    int len = writeFrame(seq, message);
    wire[0] = FrameFormat.DELIMITER;
    int encoded = Cobs.encode(frame, 0, len, wire, 1);
    wire[encoded + 1] = FrameFormat.DELIMITER;
    return Arrays.copyOf(wire, encoded + 2);
  }

  /** The wire bytes for a frame. */
  public byte[] encode(Frame f) {
    return encode(f.seq(), f.message());
  }

  /**
   * The frame before COBS: header, payload and CRC (what the CRC and the spec's tables describe).
   */
  public byte[] unstuffed(int seq, Message message) {
    return Arrays.copyOf(frame, writeFrame(seq, message));
  }

  private int writeFrame(int seq, Message message) {
    FrameFormat.requireSeq(seq, "seq");
    PayloadWriter w = new PayloadWriter(frame, FrameFormat.HEADER_BYTES);
    MessageCodec.write(message, w);
    int payload = w.length();
    frame[0] = (byte) FrameFormat.VERSION;
    frame[1] = (byte) message.type().code();
    frame[2] = (byte) seq;
    frame[3] = (byte) (seq >>> 8);
    frame[4] = (byte) payload;
    frame[5] = (byte) (payload >>> 8);
    int crcAt = FrameFormat.HEADER_BYTES + payload;
    crc.reset();
    crc.update(frame, 0, crcAt);
    long value = crc.getValue();
    frame[crcAt] = (byte) value;
    frame[crcAt + 1] = (byte) (value >>> 8);
    frame[crcAt + 2] = (byte) (value >>> 16);
    frame[crcAt + 3] = (byte) (value >>> 24);
    return crcAt + FrameFormat.CRC_BYTES;
  }
}
