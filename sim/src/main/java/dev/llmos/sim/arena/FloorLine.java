package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Translation2d;
import java.util.List;

/**
 * A line of tape on the floor, as a polyline, for the downward line sensors and the camera.
 *
 * @param points at least two points, metres
 * @param widthM the tape's width, metres
 * @param colour the tape's colour
 */
public record FloorLine(List<Translation2d> points, double widthM, Rgb colour) {
  public FloorLine {
    points = List.copyOf(points);
    if (points.size() < 2 || !(widthM > 0) || colour == null) {
      throw new IllegalArgumentException("a floor line needs two points, a width and a colour");
    }
  }
}
