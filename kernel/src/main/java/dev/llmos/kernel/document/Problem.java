package dev.llmos.kernel.document;

import java.util.Objects;

/** One thing wrong with an input: where it is and what was expected instead. */
public record Problem(SourceLocation where, String message) {
  public Problem {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }

  public static Problem at(SourceLocation where, String message) {
    return new Problem(where, message);
  }

  @Override
  public String toString() {
    return where + ": " + message;
  }
}
