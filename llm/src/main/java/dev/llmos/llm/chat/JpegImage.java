package dev.llmos.llm.chat;

import java.util.Arrays;
import java.util.Base64;

/** JPEG bytes, immutable, with the data URL the chat completions API takes for an image. */
public final class JpegImage {
  private final byte[] bytes;

  /**
   * @param bytes a JPEG image (copied); must start with the JPEG start-of-image marker
   * @throws IllegalArgumentException if the bytes are not a JPEG image
   */
  public JpegImage(byte[] bytes) {
    if (bytes.length < 4 || (bytes[0] & 0xff) != 0xff || (bytes[1] & 0xff) != 0xd8) {
      throw new IllegalArgumentException(
          "not a JPEG image: it does not start with the start-of-image marker FF D8");
    }
    this.bytes = bytes.clone();
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** {@code data:image/jpeg;base64,...} */
  public String dataUrl() {
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JpegImage other && Arrays.equals(other.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "JpegImage[" + bytes.length + " bytes]";
  }
}
