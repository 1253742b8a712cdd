package dev.llmos.sim.geometry;

import dev.llmos.sim.arena.Rgb;

/**
 * The surface a ray met first: how far along, what it belongs to and how it looks.
 *
 * @param distanceM distance along the ray from its origin, metres (0 when the origin is inside)
 * @param kind which list of the arena the surface belongs to
 * @param index its position in that list ({@code arena.walls()}, {@code boxes()}, ...)
 * @param colour its surface colour
 * @param heightM how tall it stands, metres
 * @param normalX x of the unit surface normal at the hit, pointing back towards the ray
 * @param normalY y of the unit surface normal at the hit
 * @param label the object's label when {@code kind} is {@link Kind#OBJECT}, else empty
 */
public record RayHit(
    double distanceM,
    Kind kind,
    int index,
    Rgb colour,
    double heightM,
    double normalX,
    double normalY,
    String label) {

  /** Which list of the arena a solid comes from. */
  public enum Kind {
    WALL,
    BOX,
    CYLINDER,
    OBJECT
  }
}
