package dev.llmos.runtime.world;

import dev.llmos.core.geometry.Translation2d;

/**
 * Where a map's cells lie in the world. Cell {@code (col, row)}: {@code col} counts from the west
 * (smallest x) edge, {@code row} from the north (largest y) edge, so row 0 is the top row as in
 * {@link dev.llmos.core.grid.OccupancyGrid} and map files. Cells are stored row-major, row 0 first.
 *
 * @param originXM world x of the map's south-west corner, metres
 * @param originYM world y of the map's south-west corner, metres
 * @param resolutionM side of one square cell, metres
 * @param widthCells columns
 * @param heightCells rows
 */
public record GridGeometry(
    double originXM, double originYM, double resolutionM, int widthCells, int heightCells) {

  /** Larger maps than this (64 Mi cells) are refused: they would not fit a robot or a snapshot. */
  public static final long MAX_CELLS = 1L << 26;

  public GridGeometry {
    if (!Double.isFinite(originXM) || !Double.isFinite(originYM)) {
      throw new IllegalArgumentException(
          "a map origin must be finite, got (" + originXM + ", " + originYM + ")");
    }
    if (!(resolutionM > 0) || !Double.isFinite(resolutionM)) {
      throw new IllegalArgumentException("a map resolution must be > 0 m, got " + resolutionM);
    }
    if (widthCells < 1 || heightCells < 1 || (long) widthCells * heightCells > MAX_CELLS) {
      throw new IllegalArgumentException(
          "a map needs 1.."
              + MAX_CELLS
              + " cells, at least one column and row, got "
              + widthCells
              + "x"
              + heightCells);
    }
  }

  /**
   * A map covering the rectangle from {@code (minXM, minYM)}, {@code widthM} by {@code heightM}.
   */
  public static GridGeometry covering(
      double minXM, double minYM, double widthM, double heightM, double resolutionM) {
    return new GridGeometry(
        minXM,
        minYM,
        resolutionM,
        (int) Math.ceil(widthM / resolutionM - 1e-9),
        (int) Math.ceil(heightM / resolutionM - 1e-9));
  }

  public int cellCount() {
    return widthCells * heightCells;
  }

  /** The column holding world x (may lie outside the map). */
  public int col(double xM) {
    return (int) Math.floor((xM - originXM) / resolutionM);
  }

  /** The row holding world y (may lie outside the map). */
  public int row(double yM) {
    return heightCells - 1 - (int) Math.floor((yM - originYM) / resolutionM);
  }

  public boolean contains(int col, int row) {
    return col >= 0 && row >= 0 && col < widthCells && row < heightCells;
  }

  /** Whether the world point lies on the map. */
  public boolean contains(Translation2d point) {
    return contains(col(point.xM()), row(point.yM()));
  }

  /** Row-major index of a cell inside the map. */
  public int index(int col, int row) {
    return row * widthCells + col;
  }

  /** World position of a cell's centre. */
  public Translation2d cellCentre(int col, int row) {
    return new Translation2d(
        originXM + (col + 0.5) * resolutionM, originYM + (heightCells - row - 0.5) * resolutionM);
  }
}
