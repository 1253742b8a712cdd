package dev.llmos.runtime.nav;

import dev.llmos.core.grid.OccupancyGrid;

/**
 * Grows obstacles by the robot's radius, so a planner can treat the robot as a point: a cell is
 * blocked in the result when a blocked cell lies within {@code radiusCells} of it (Euclidean
 * distance between cell centres). Only blocked cells inside the grid grow; the grid's edge does
 * not, because a world map's edge is where mapping stopped, not a wall.
 */
public final class Inflation {
  private Inflation() {}

  public static OccupancyGrid inflate(OccupancyGrid grid, int radiusCells) {
    if (radiusCells < 0) {
      throw new IllegalArgumentException("radiusCells must be >= 0, got " + radiusCells);
    }
    int width = grid.width();
    int height = grid.height();
    boolean[] blocked = new boolean[width * height];
    long radiusSquared = (long) radiusCells * radiusCells;
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        if (!grid.isBlocked(col, row)) {
          continue;
        }
        for (int dy = -radiusCells; dy <= radiusCells; dy++) {
          int r = row + dy;
          if (r < 0 || r >= height) {
            continue;
          }
          for (int dx = -radiusCells; dx <= radiusCells; dx++) {
            int c = col + dx;
            if (c >= 0 && c < width && (long) dx * dx + (long) dy * dy <= radiusSquared) {
              blocked[r * width + c] = true;
            }
          }
        }
      }
    }
    return OccupancyGrid.of(width, height, blocked);
  }
}
