package dev.llmos.hal.command;

/**
 * Turn in place by an angle, measured by the wheel encoders, then stop.
 *
 * @param angleRad radians, counter-clockwise positive (left)
 * @param rateRadps the turn rate, rad/s, positive
 */
public record Rotate(double angleRad, double rateRadps) implements Command {
  public Rotate {
    Commands.requireFinite(angleRad, "angleRad");
    Commands.requireFinite(rateRadps, "rateRadps");
  }

  @Override
  public String describe() {
    return String.format("rotate %.3f rad at %.3f rad/s", angleRad, rateRadps);
  }
}
