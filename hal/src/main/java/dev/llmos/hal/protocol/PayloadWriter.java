package dev.llmos.hal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Writes little-endian fields into a payload buffer of at most {@link
 * FrameFormat#MAX_PAYLOAD_BYTES}.
 */
final class PayloadWriter {
  private final byte[] buf;
  private final int start;
  private int pos;

  /** Writes into {@code buf} from {@code start}; the buffer must hold a full payload from there. */
  PayloadWriter(byte[] buf, int start) {
    this.buf = buf;
    this.start = start;
    this.pos = start;
  }

  int length() {
    return pos - start;
  }

  private void need(int bytes) {
    if (pos - start + bytes > FrameFormat.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "the message does not fit a payload of " + FrameFormat.MAX_PAYLOAD_BYTES + " bytes");
    }
  }

  void u8(int value) {
    need(1);
    buf[pos++] = (byte) value;
  }

  void u16(int value) {
    need(2);
    buf[pos++] = (byte) value;
    buf[pos++] = (byte) (value >>> 8);
  }

  void u32(long value) {
    need(4);
    buf[pos++] = (byte) value;
    buf[pos++] = (byte) (value >>> 8);
    buf[pos++] = (byte) (value >>> 16);
    buf[pos++] = (byte) (value >>> 24);
  }

  void bytes(byte[] src, int off, int len) {
    need(len);
    System.arraycopy(src, off, buf, pos, len);
    pos += len;
  }

  /** The SI value times {@code scale} as an unsigned 8-bit integer (see {@link FixedPoint}). */
  void fixedU8(double value, double scale, String field) {
    u8((int) FixedPoint.toFixed(value, scale, 0, 0xFF, field));
  }

  void fixedU16(double value, double scale, String field) {
    u16((int) FixedPoint.toFixed(value, scale, 0, 0xFFFF, field));
  }

  void fixedI16(double value, double scale, String field) {
    u16((int) FixedPoint.toFixed(value, scale, Short.MIN_VALUE, Short.MAX_VALUE, field));
  }

  void fixedU32(double value, double scale, String field) {
    u32(FixedPoint.toFixed(value, scale, 0, 0xFFFF_FFFFL, field));
  }

  void fixedI32(double value, double scale, String field) {
    u32(FixedPoint.toFixed(value, scale, Integer.MIN_VALUE, Integer.MAX_VALUE, field));
  }

  /** A count as a signed 32-bit integer, saturated at its range. */
  void saturatedI32(long value) {
    u32(Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)));
  }

  /** A string with a u8 length prefix; refused when its UTF-8 form is longer than 255 bytes. */
  void string8(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 0xFF) {
      throw new IllegalArgumentException(
          field + " is " + utf8.length + " UTF-8 bytes; the wire holds at most 255");
    }
    u8(utf8.length);
    bytes(utf8, 0, utf8.length);
  }

  /** A string with a u8 length prefix, cut at a character boundary to at most 255 UTF-8 bytes. */
  void string8Truncated(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int len = utf8.length;
    if (len > 0xFF) {
      len = 0xFF;
      // Back off over continuation bytes so the cut never splits a character.
      while (len > 0 && (utf8[len] & 0xC0) == 0x80) {
        len--;
      }
    }
    u8(len);
    bytes(utf8, 0, len);
  }
}
