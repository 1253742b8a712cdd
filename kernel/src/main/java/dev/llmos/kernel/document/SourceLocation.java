package dev.llmos.kernel.document;

import java.util.Objects;

/**
 * Where something stands in a source: a file (or other named source), a 1-based line and a 1-based
 * column. A line or column of 0 means "not known".
 */
public record SourceLocation(String source, int line, int column) {
  public SourceLocation {
    Objects.requireNonNull(source, "source");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, or 0 when unknown");
    }
  }

  /** The whole source, with no line known. */
  public static SourceLocation of(String source) {
    return new SourceLocation(source, 0, 0);
  }

  public static SourceLocation of(String source, int line) {
    return new SourceLocation(source, line, 0);
  }

  @Override
  public String toString() {
    if (line == 0) {
      return source;
    }
    return column == 0 ? source + ":" + line : source + ":" + line + ":" + column;
  }
}
