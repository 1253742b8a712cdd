package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Translation2d;

/**
 * A solid upright cylinder (a post, a table leg, a bin).
 *
 * @param centre its axis on the floor, metres
 * @param radiusM metres
 * @param heightM metres
 * @param colour its surface colour
 */
public record Cylinder(Translation2d centre, double radiusM, double heightM, Rgb colour) {
  public Cylinder {
    if (centre == null || colour == null) {
      throw new IllegalArgumentException("a cylinder needs a centre and a colour");
    }
    if (!(radiusM > 0) || !(heightM > 0)) {
      throw new IllegalArgumentException("a cylinder's radius and height must be positive");
    }
  }
}
