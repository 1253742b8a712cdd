package dev.llmos.hal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads little-endian fields from a payload; running past its end is a {@link PayloadException}.
 */
final class PayloadReader {
  private final byte[] buf;
  private final int end;
  private int pos;

  PayloadReader(byte[] buf, int off, int len) {
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
  }

  private void need(int bytes, String field) {
    if (end - pos < bytes) {
      throw new PayloadException(DropReason.MALFORMED_PAYLOAD, "payload ends before " + field);
    }
  }

  int u8(String field) {
    need(1, field);
    return buf[pos++] & 0xFF;
  }

  int u16(String field) {
    need(2, field);
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  int i16(String field) {
    return (short) u16(field);
  }

  int i32(String field) {
    need(4, field);
    int v =
        (buf[pos] & 0xFF)
            | (buf[pos + 1] & 0xFF) << 8
            | (buf[pos + 2] & 0xFF) << 16
            | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  long u32(String field) {
    return i32(field) & 0xFFFF_FFFFL;
  }

  byte[] bytes(int len, String field) {
    need(len, field);
    byte[] out = new byte[len];
    System.arraycopy(buf, pos, out, 0, len);
    pos += len;
    return out;
  }

  /** A UTF-8 string with a u8 length prefix; invalid UTF-8 is malformed. */
  String string8(String field) {
    int len = u8(field);
    need(len, field);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buf, pos, len))
              .toString();
      pos += len;
      return s;
    } catch (CharacterCodingException e) {
      throw new PayloadException(DropReason.MALFORMED_PAYLOAD, field + " is not valid UTF-8");
    }
  }

  int remaining() {
    return end - pos;
  }

  /** Refuses bytes left over after the last field. */
  void requireEnd() {
    if (pos != end) {
      throw new PayloadException(
          DropReason.MALFORMED_PAYLOAD, (end - pos) + " bytes after the last field");
    }
  }
}
