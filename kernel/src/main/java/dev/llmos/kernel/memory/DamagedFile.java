package dev.llmos.kernel.memory;

import java.util.Objects;

/**
 * A memory file that could not be read. It is skipped, reported, and left as it is: nothing a
 * person wrote is deleted or overwritten because LLMos could not read it.
 *
 * @param path the volume-relative path of the file
 * @param reason what is wrong, with the line and field where known
 */
public record DamagedFile(String path, String reason) {
  public DamagedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
