package dev.llmos.hal.protocol;

import java.util.Arrays;

/**
 * One chunk of a camera frame: a JPEG is sent as {@code chunkCount} chunks of up to {@link
 * #MAX_DATA_BYTES} bytes, in order, all carrying the same frame id, size and time.
 */
public final class FrameChunk implements Message {
  /** The fixed fields before the data: frame id, index, count, width, height (u16), time (u32). */
  public static final int FIXED_BYTES = 14;

  /** The most JPEG bytes one chunk carries. */
  public static final int MAX_DATA_BYTES = FrameFormat.MAX_PAYLOAD_BYTES - FIXED_BYTES;

  private final int frameId;
  private final int chunkIndex;
  private final int chunkCount;
  private final int width;
  private final int height;
  private final long timeMs;
  private final byte[] data;

  /**
   * @param frameId 0–65535, increasing per robot and wrapping
   * @param chunkIndex 0 to chunkCount − 1
   * @param chunkCount 1–65535
   * @param width pixels, 1–65535
   * @param height pixels, 1–65535
   * @param timeMs robot time when the image was taken, 0 to 2³²−1 ms
   * @param data this chunk's JPEG bytes (copied), at most {@link #MAX_DATA_BYTES}
   */
  public FrameChunk(
      int frameId,
      int chunkIndex,
      int chunkCount,
      int width,
      int height,
      long timeMs,
      byte[] data) {
    requireU16(frameId, "frameId", 0);
    requireU16(chunkCount, "chunkCount", 1);
    if (chunkIndex < 0 || chunkIndex >= chunkCount) {
      throw new IllegalArgumentException(
          "chunkIndex must be within 0–" + (chunkCount - 1) + ", got " + chunkIndex);
    }
    requireU16(width, "width", 1);
    requireU16(height, "height", 1);
    if (timeMs < 0 || timeMs > Heartbeat.MAX_TIME_MS) {
      throw new IllegalArgumentException("timeMs must be within 0–4294967295, got " + timeMs);
    }
    if (data == null || data.length > MAX_DATA_BYTES) {
      throw new IllegalArgumentException("a chunk carries 0–" + MAX_DATA_BYTES + " bytes of data");
    }
    this.frameId = frameId;
    this.chunkIndex = chunkIndex;
    this.chunkCount = chunkCount;
    this.width = width;
    this.height = height;
    this.timeMs = timeMs;
    this.data = data.clone();
  }

  private static void requireU16(int value, String field, int min) {
    if (value < min || value > 0xFFFF) {
      throw new IllegalArgumentException(field + " must be within " + min + "–65535, got " + value);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.FRAME_CHUNK;
  }

  public int frameId() {
    return frameId;
  }

  public int chunkIndex() {
    return chunkIndex;
  }

  public int chunkCount() {
    return chunkCount;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public long timeMs() {
    return timeMs;
  }

  /** A copy of this chunk's bytes. */
  public byte[] data() {
    return data.clone();
  }

  public int dataLength() {
    return data.length;
  }

  /** Copies this chunk's bytes into {@code dst} at {@code off}. */
  void copyData(byte[] dst, int off) {
    System.arraycopy(data, 0, dst, off, data.length);
  }

  /** Whether the other chunk has the same bytes as this one. */
  boolean sameData(FrameChunk other) {
    return Arrays.equals(data, other.data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameChunk c
        && c.frameId == frameId
        && c.chunkIndex == chunkIndex
        && c.chunkCount == chunkCount
        && c.width == width
        && c.height == height
        && c.timeMs == timeMs
        && Arrays.equals(c.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * frameId + chunkIndex) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FrameChunk["
        + frameId
        + " "
        + (chunkIndex + 1)
        + "/"
        + chunkCount
        + ", "
        + width
        + "x"
        + height
        + ", "
        + timeMs
        + " ms, "
        + data.length
        + " bytes]";
  }
}
