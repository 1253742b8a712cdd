package dev.llmos.kernel.volume;

import java.util.Objects;

/**
 * A regular file found by {@link Volume#files}: the walk that found it did not pass through a link
 * leading out of the volume, so it can be read without checking its path again.
 */
public final class VolumeFile {
  private final String path;
  private final long size;

  VolumeFile(String path, long size) {
    this.path = Objects.requireNonNull(path, "path");
    this.size = size;
  }

  /** The volume-relative path, with forward slashes. */
  public String path() {
    return path;
  }

  /** The size in bytes when it was found. */
  public long size() {
    return size;
  }

  /** The file name, the last part of the path. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VolumeFile other && other.path.equals(path) && other.size == size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, size);
  }

  @Override
  public String toString() {
    return path;
  }
}
