package dev.llmos.runtime.nav;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;

/**
 * Where a grid lies in the world. The world frame has y up (REP-103) while grid row 0 is the top
 * row, so rows count downwards: cell (col, row) covers x from {@code originM.x + col·res} and y
 * from {@code originM.y + (heightCells − 1 − row)·res}, each one resolution wide. The origin is the
 * outer corner of the bottom-left cell (column 0, last row), as in a ROS map.
 *
 * @param originM world position of the grid's bottom-left corner, metres
 * @param resolutionM side of one cell, metres
 * @param widthCells columns
 * @param heightCells rows
 */
public record GridFrame(
    Translation2d originM, double resolutionM, int widthCells, int heightCells) {
  public GridFrame {
    if (originM == null) {
      throw new IllegalArgumentException("a grid frame needs an origin");
    }
    if (!(resolutionM > 0) || Double.isInfinite(resolutionM)) {
      throw new IllegalArgumentException("resolutionM must be finite and > 0, got " + resolutionM);
    }
    if (widthCells < 1 || heightCells < 1) {
      throw new IllegalArgumentException(
          "a grid frame needs at least one column and row, got " + widthCells + "x" + heightCells);
    }
  }

  /** The frame of a grid placed with its bottom-left corner at originM. */
  public static GridFrame of(OccupancyGrid grid, Translation2d originM, double resolutionM) {
    return new GridFrame(originM, resolutionM, grid.width(), grid.height());
  }

  /** The cell holding a point; it may lie outside the grid (then {@link #contains} is false). */
  public GridCell cellAt(Translation2d pointM) {
    int col = (int) Math.floor((pointM.xM() - originM.xM()) / resolutionM);
    int rowFromBottom = (int) Math.floor((pointM.yM() - originM.yM()) / resolutionM);
    return new GridCell(col, heightCells - 1 - rowFromBottom);
  }

  /** The world position of a cell's centre. */
  public Translation2d centreOf(GridCell cell) {
    return new Translation2d(
        originM.xM() + (cell.col() + 0.5) * resolutionM,
        originM.yM() + (heightCells - 1 - cell.row() + 0.5) * resolutionM);
  }

  /** Whether a cell lies inside the grid. */
  public boolean contains(GridCell cell) {
    return cell.col() >= 0
        && cell.row() >= 0
        && cell.col() < widthCells
        && cell.row() < heightCells;
  }
}
