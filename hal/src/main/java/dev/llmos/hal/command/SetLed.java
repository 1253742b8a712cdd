package dev.llmos.hal.command;

/**
 * Set the status LED's colour.
 *
 * @param red 0–255
 * @param green 0–255
 * @param blue 0–255
 */
public record SetLed(int red, int green, int blue) implements Command {
  @Override
  public String describe() {
    return "led " + red + "," + green + "," + blue;
  }
}
