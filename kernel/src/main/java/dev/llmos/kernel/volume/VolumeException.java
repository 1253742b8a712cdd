package dev.llmos.kernel.volume;

/** A volume refused an operation (read-only, path escape, storage or git failure). */
public class VolumeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VolumeException(String message) {
    super(message);
  }

  public VolumeException(String message, Throwable cause) {
    super(message, cause);
  }
}
