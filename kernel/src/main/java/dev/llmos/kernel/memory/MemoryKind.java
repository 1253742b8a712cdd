package dev.llmos.kernel.memory;

import java.util.Locale;

/** The two layers of memory: raw traces of work, and what was learnt from them. */
public enum MemoryKind {
  SHORT_TERM,
  LONG_TERM;

  /** The name used in files, messages and on the command line: {@code short_term}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
