package dev.llmos.kernel.volume;

/** A file is larger than the reader accepts; it was not read. */
public final class FileTooLargeException extends VolumeException {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long limit;

  public FileTooLargeException(long size, long limit) {
    super("file is " + size + " bytes; at most " + limit + " are read");
    this.size = size;
    this.limit = limit;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }
}
