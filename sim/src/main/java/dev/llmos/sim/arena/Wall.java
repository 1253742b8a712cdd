package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Translation2d;

/**
 * A straight wall between two points on the floor.
 *
 * @param from one end of its centre line, metres
 * @param to the other end, metres
 * @param thicknessM metres
 * @param heightM metres (what the camera sees)
 * @param colour its surface colour
 */
public record Wall(
    Translation2d from, Translation2d to, double thicknessM, double heightM, Rgb colour) {
  public Wall {
    if (from == null || to == null || colour == null) {
      throw new IllegalArgumentException("a wall needs two ends and a colour");
    }
    if (!(thicknessM > 0) || !(heightM > 0)) {
      throw new IllegalArgumentException("a wall's thickness and height must be positive");
    }
  }
}
