package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;

/**
 * A solid box standing on the floor.
 *
 * @param centre its centre on the floor, metres
 * @param sizeXM its extent along its own x axis, metres
 * @param sizeYM its extent along its own y axis, metres
 * @param yaw how it is turned, counter-clockwise from the world x axis
 * @param heightM metres
 * @param colour its surface colour
 */
public record Box(
    Translation2d centre,
    double sizeXM,
    double sizeYM,
    Rotation2d yaw,
    double heightM,
    Rgb colour) {
  public Box {
    if (centre == null || yaw == null || colour == null) {
      throw new IllegalArgumentException("a box needs a centre, a yaw and a colour");
    }
    if (!(sizeXM > 0) || !(sizeYM > 0) || !(heightM > 0)) {
      throw new IllegalArgumentException("a box's sizes and height must be positive");
    }
  }
}
