package dev.llmos.sim.arena;

/**
 * A colour, 0–255 per channel.
 *
 * @param red 0–255
 * @param green 0–255
 * @param blue 0–255
 */
public record Rgb(int red, int green, int blue) {
  public static final Rgb WALL_GREY = new Rgb(180, 180, 175);
  public static final Rgb BOX_BROWN = new Rgb(150, 110, 70);

  public Rgb {
    if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
      throw new IllegalArgumentException(
          "colour channels must be 0-255, got " + red + "," + green + "," + blue);
    }
  }

  /** The colour packed as 0xRRGGBB. */
  public int packed() {
    return (red << 16) | (green << 8) | blue;
  }
}
