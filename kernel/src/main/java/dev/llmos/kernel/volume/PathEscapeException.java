package dev.llmos.kernel.volume;

/** A path that would leave its volume: {@code ..}, an absolute path, or a link pointing outside. */
public final class PathEscapeException extends VolumeException {
  private static final long serialVersionUID = 1L;

  public PathEscapeException(String message) {
    super(message);
  }
}
