package dev.llmos.runtime.world;

import dev.llmos.core.geometry.Pose2d;

/**
 * Where the robot was, when.
 *
 * @param timeS robot time, seconds
 * @param pose the pose then
 */
public record PathPoint(double timeS, Pose2d pose) {
  public PathPoint {
    if (pose == null || !Double.isFinite(timeS)) {
      throw new IllegalArgumentException("a path point needs a finite time and a pose");
    }
  }
}
