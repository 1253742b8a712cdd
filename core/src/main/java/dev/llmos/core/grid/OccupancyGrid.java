package dev.llmos.core.grid;

import java.util.BitSet;

/**
 * A rectangle of cells, each blocked or free; row 0 is the top row (as in map files), column 0 the
 * left. Immutable. Cells outside the rectangle count as blocked, so planners need no bounds checks
 * of their own.
 */
public final class OccupancyGrid {
  private final int width;
  private final int height;
  private final BitSet blocked;

  private OccupancyGrid(int width, int height, BitSet blocked) {
    this.width = width;
    this.height = height;
    this.blocked = blocked;
  }

  /**
   * A grid from blocked flags in row-major order (row 0 first).
   *
   * @param width columns, at least 1
   * @param height rows, at least 1
   * @param blockedRowMajor {@code width * height} flags, copied
   */
  public static OccupancyGrid of(int width, int height, boolean[] blockedRowMajor) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "a grid needs at least one column and one row, got " + width + "x" + height);
    }
    if (blockedRowMajor.length != (long) width * height) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " grid needs "
              + (long) width * height
              + " cells, got "
              + blockedRowMajor.length);
    }
    BitSet bits = new BitSet(blockedRowMajor.length);
    for (int i = 0; i < blockedRowMajor.length; i++) {
      bits.set(i, blockedRowMajor[i]);
    }
    return new OccupancyGrid(width, height, bits);
  }

  /** Columns. */
  public int width() {
    return width;
  }

  /** Rows. */
  public int height() {
    return height;
  }

  /** Whether the cell lies inside the grid. */
  public boolean contains(int col, int row) {
    return col >= 0 && row >= 0 && col < width && row < height;
  }

  /** Whether the cell is blocked; cells outside the grid are. */
  public boolean isBlocked(int col, int row) {
    return !contains(col, row) || blocked.get(row * width + col);
  }

  /** Whether the cell is inside the grid and passable. */
  public boolean isFree(int col, int row) {
    return !isBlocked(col, row);
  }

  /** How many cells are blocked. */
  public int blockedCount() {
    return blocked.cardinality();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OccupancyGrid g
        && g.width == width
        && g.height == height
        && g.blocked.equals(blocked);
  }

  @Override
  public int hashCode() {
    return (31 * width + height) * 31 + blocked.hashCode();
  }

  @Override
  public String toString() {
    return "OccupancyGrid[" + width + "x" + height + ", " + blockedCount() + " blocked]";
  }
}
