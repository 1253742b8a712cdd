package dev.llmos.runtime.world;

/** What the map believes about one cell. */
public enum CellState {
  UNKNOWN('?'),
  FREE('.'),
  OCCUPIED('#');

  private final char symbol;

  CellState(char symbol) {
    this.symbol = symbol;
  }

  /** The character the JSON rows and text renderings use. */
  public char symbol() {
    return symbol;
  }
}
