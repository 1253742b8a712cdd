package dev.llmos.hal.protocol;

/**
 * Consistent Overhead Byte Stuffing: rewrites a block of bytes so it contains no 0x00, at a cost of
 * one byte per 254, so 0x00 can delimit frames and a receiver resynchronises at the next one.
 */
public final class Cobs {
  private Cobs() {}

  /** The most bytes {@link #encode} can write for {@code length} input bytes. */
  public static int maxEncodedLength(int length) {
    return length + length / 254 + 1;
  }

  /**
   * Encodes {@code src[off, off + len)} into {@code dst} at {@code dstOff}, without delimiters.
   *
   * @return the number of bytes written
   */
  public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int codeAt = dstOff;
    int out = dstOff + 1;
    int code = 1;
    for (int i = off; i < off + len; i++) {
      byte b = src[i];
      if (b == 0) {
        dst[codeAt] = (byte) code;
        codeAt = out++;
        code = 1;
      } else {
        dst[out++] = b;
        code++;
        if (code == 0xFF) {
          dst[codeAt] = (byte) code;
          codeAt = out++;
          code = 1;
        }
      }
    }
    dst[codeAt] = (byte) code;
    return out - dstOff;
  }

  /**
   * Decodes {@code src[off, off + len)} (one encoded frame, without delimiters) into {@code dst}.
   *
   * @return the number of bytes written, or -1 when the input is not valid COBS (a zero byte, or a
   *     code that points past the end)
   */
  public static int decode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int in = off;
    int end = off + len;
    int out = dstOff;
    while (in < end) {
      int code = src[in++] & 0xFF;
      if (code == 0 || in + code - 1 > end) {
        return -1;
      }
      for (int k = 1; k < code; k++) {
        byte b = src[in++];
        if (b == 0) {
          return -1;
        }
        dst[out++] = b;
      }
      if (code != 0xFF && in < end) {
        dst[out++] = 0;
      }
    }
    return out - dstOff;
  }
}
