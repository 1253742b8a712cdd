package dev.llmos.kernel.volume;

/** A write was aimed at a volume that does not take writes, such as the shipped system volume. */
public final class ReadOnlyVolumeException extends VolumeException {
  private static final long serialVersionUID = 1L;

  public ReadOnlyVolumeException(String message) {
    super(message);
  }
}
