package dev.llmos.kernel.config;

import dev.llmos.kernel.volume.CommitAuthor;

/**
 * General settings from {@code kernel/config.md}.
 *
 * @param kernelVersion the version of the kernel rules
 * @param gitAuthor the author of the commits LLMos makes in volumes
 * @param maxDocumentBytes larger markdown files are refused, so a stray binary cannot stall loading
 * @param maxDescriptionChars the longest description an agent or skill may have
 */
public record KernelSettings(
    int kernelVersion, CommitAuthor gitAuthor, int maxDocumentBytes, int maxDescriptionChars) {
  /** The newest kernel schema this LLMos understands. */
  public static final int KNOWN_VERSION = 1;
}
