package dev.llmos.runtime.perception;

/**
 * An object the {@link ColourDetector} looks for: a known colour, shape and size.
 *
 * @param label the label detections carry, e.g. {@code red-ball}
 * @param rgb its surface colour, 0xRRGGBB; must be clearly coloured (not grey), since segmentation
 *     works on hue
 * @param hueToleranceDeg how far a pixel's hue may stray from the colour's and still count,
 *     degrees, in (0, 90]
 * @param shape how it sits in the world, which chooses how its depth is estimated
 * @param sizeM its real width, metres: a ball's or pad's diameter, a beacon's coloured top's width
 */
public record ObjectModel(
    String label, int rgb, double hueToleranceDeg, Shape shape, double sizeM) {
  /** A hue tolerance that keeps the arena palette's red and orange apart. */
  public static final double DEFAULT_HUE_TOLERANCE_DEG = 12;

  /** Colours paler than this cannot be told from the floor and walls by hue. */
  public static final double MIN_SATURATION = 0.3;

  /** How an object sits in the world. */
  public enum Shape {
    /** A sphere resting on the floor: depth from its apparent diameter. */
    BALL,
    /** A flat disc on the floor: depth from where it lies below the horizon. */
    PAD,
    /** An upright post with a coloured top, or anything else: depth from its box area. */
    BEACON
  }

  public ObjectModel {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("an object model needs a label");
    }
    if ((rgb & ~0xFFFFFF) != 0) {
      throw new IllegalArgumentException(
          "object model " + label + ": rgb must be 0xRRGGBB, got 0x" + Integer.toHexString(rgb));
    }
    if (saturation(rgb) < MIN_SATURATION) {
      throw new IllegalArgumentException(
          "object model "
              + label
              + ": colour 0x"
              + String.format("%06X", rgb)
              + " is too grey to segment by hue (saturation below "
              + MIN_SATURATION
              + ")");
    }
    if (!(hueToleranceDeg > 0 && hueToleranceDeg <= 90)) {
      throw new IllegalArgumentException(
          "object model "
              + label
              + ": hue tolerance must be in (0, 90] degrees, got "
              + hueToleranceDeg);
    }
    if (shape == null) {
      throw new IllegalArgumentException("object model " + label + ": needs a shape");
    }
    if (!(sizeM > 0 && sizeM < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "object model " + label + ": size must be positive metres, got " + sizeM);
    }
  }

  /** The hue of the model's colour, degrees in [0, 360). */
  public double hueDeg() {
    return hue((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
  }

  /** HSV saturation of a 0xRRGGBB colour, 0–1. */
  static double saturation(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    int max = Math.max(r, Math.max(g, b));
    int min = Math.min(r, Math.min(g, b));
    return max == 0 ? 0 : (double) (max - min) / max;
  }

  /** HSV hue, degrees in [0, 360); 0 for greys. */
  static double hue(int r, int g, int b) {
    int max = Math.max(r, Math.max(g, b));
    int min = Math.min(r, Math.min(g, b));
    double chroma = max - min;
    if (chroma == 0) {
      return 0;
    }
    double h;
    if (max == r) {
      h = (g - b) / chroma;
    } else if (max == g) {
      h = 2 + (b - r) / chroma;
    } else {
      h = 4 + (r - g) / chroma;
    }
    h *= 60;
    return h < 0 ? h + 360 : h;
  }
}
