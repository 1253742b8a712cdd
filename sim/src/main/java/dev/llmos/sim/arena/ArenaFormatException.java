package dev.llmos.sim.arena;

/** An arena file that cannot be used; the message names the file, line, column and field. */
public final class ArenaFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ArenaFormatException(String message) {
    super(message);
  }
}
