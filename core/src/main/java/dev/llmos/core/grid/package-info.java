/**
 * Occupancy grids: cells blocked or free, row 0 at the top as map files write them; and the
 * MovingAI {@code .map} format they are read from. Pure values, no I/O.
 */
package dev.llmos.core.grid;
