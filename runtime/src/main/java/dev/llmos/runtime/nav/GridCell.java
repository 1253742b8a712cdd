package dev.llmos.runtime.nav;

/**
 * One cell of an {@link dev.llmos.core.grid.OccupancyGrid}: column from the left, row from the top
 * (as map files and MovingAI scenarios write them: x is the column, y the row).
 *
 * @param col column, 0 at the left
 * @param row row, 0 at the top
 */
public record GridCell(int col, int row) {}
