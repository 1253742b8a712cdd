package dev.llmos.hal.command;

/**
 * Drive straight for a distance, measured by the wheel encoders, then stop.
 *
 * @param distanceM metres, negative to back up
 * @param speedMps the speed to drive at, m/s, positive
 */
public record MoveDistance(double distanceM, double speedMps) implements Command {
  public MoveDistance {
    Commands.requireFinite(distanceM, "distanceM");
    Commands.requireFinite(speedMps, "speedMps");
  }

  @Override
  public String describe() {
    return String.format("move %.3f m at %.3f m/s", distanceM, speedMps);
  }
}
