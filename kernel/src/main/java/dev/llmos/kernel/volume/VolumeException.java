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

  /** A failure in plain words: what failed and on which path, without Java class names. */
  public static String describe(Throwable e) {
    if (e instanceof java.nio.file.FileSystemException fs) {
      String reason =
          fs.getReason() == null ? "failed" : fs.getReason().toLowerCase(java.util.Locale.ROOT);
      return fs.getFile() == null ? reason : fs.getFile() + ": " + reason;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
