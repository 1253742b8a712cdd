package dev.llmos.runtime.perception;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A box in normalised image coordinates: origin at the top-left corner, x to the right, y down, the
 * whole image from 0 to 1 on each axis. JSON: {@code {"x": .., "y": .., "width": .., "height":
 * ..}}.
 *
 * @param x left edge, 0–1
 * @param y top edge, 0–1
 * @param width 0–1, positive
 * @param height 0–1, positive
 */
public record BoundingBox(double x, double y, double width, double height) {
  // Room for rounding when a box reaching the image edge is computed as x + width.
  private static final double SLACK = 1e-9;

  public BoundingBox {
    if (!(x >= 0 && y >= 0)) {
      throw new IllegalArgumentException("bbox x and y must be at least 0, got " + x + ", " + y);
    }
    if (!(width > 0 && height > 0)) {
      throw new IllegalArgumentException(
          "bbox width and height must be positive, got " + width + ", " + height);
    }
    if (!(x + width <= 1 + SLACK && y + height <= 1 + SLACK)) {
      throw new IllegalArgumentException(
          "bbox must lie inside the image (x + width and y + height at most 1), got x="
              + x
              + " width="
              + width
              + " y="
              + y
              + " height="
              + height);
    }
  }

  /**
   * The box of a pixel rectangle, inclusive bounds.
   *
   * @throws IllegalArgumentException if the rectangle is empty or leaves the image
   */
  public static BoundingBox ofPixels(
      int minCol, int minRow, int maxCol, int maxRow, int imageWidth, int imageHeight) {
    return new BoundingBox(
        (double) minCol / imageWidth,
        (double) minRow / imageHeight,
        (double) (maxCol - minCol + 1) / imageWidth,
        (double) (maxRow - minRow + 1) / imageHeight);
  }

  @JsonIgnore
  public double centreX() {
    return x + width / 2;
  }

  @JsonIgnore
  public double centreY() {
    return y + height / 2;
  }
}
