package dev.llmos.hal.telemetry;

import java.util.Arrays;

/** One camera image as the robot sent it: its id, time, size and JPEG bytes. */
public final class CameraFrame {
  private final int frameId;
  private final double timeS;
  private final int width;
  private final int height;
  private final byte[] jpeg;

  /**
   * @param frameId increasing per robot
   * @param timeS robot time when the image was taken, seconds
   * @param width pixels
   * @param height pixels
   * @param jpeg the image, JPEG-encoded (copied)
   */
  public CameraFrame(int frameId, double timeS, int width, int height, byte[] jpeg) {
    this.frameId = frameId;
    this.timeS = timeS;
    this.width = width;
    this.height = height;
    this.jpeg = jpeg.clone();
  }

  public int frameId() {
    return frameId;
  }

  public double timeS() {
    return timeS;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** A copy of the JPEG bytes. */
  public byte[] jpeg() {
    return jpeg.clone();
  }

  public int jpegLength() {
    return jpeg.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CameraFrame f
        && f.frameId == frameId
        && Double.compare(f.timeS, timeS) == 0
        && f.width == width
        && f.height == height
        && Arrays.equals(f.jpeg, jpeg);
  }

  @Override
  public int hashCode() {
    return 31 * Integer.hashCode(frameId) + Arrays.hashCode(jpeg);
  }

  @Override
  public String toString() {
    return "CameraFrame[" + frameId + ", " + width + "x" + height + ", " + jpeg.length + " bytes]";
  }
}
