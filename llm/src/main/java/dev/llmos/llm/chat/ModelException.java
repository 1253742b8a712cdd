package dev.llmos.llm.chat;

import java.util.OptionalInt;

/** A call to a model that failed, and how: callers fall back to their offline defaults. */
public final class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How a call failed. */
  public enum Kind {
    /** No reply within the call's timeout. */
    TIMEOUT,
    /** The server could not be reached. */
    UNREACHABLE,
    /** The server said 429 and kept saying it past the retries. */
    RATE_LIMITED,
    /** The server answered with an error status (after retries, for 5xx). */
    HTTP_ERROR,
    /** The server's answer was not a chat completion. */
    MALFORMED_RESPONSE,
    /** The call was cancelled, e.g. because the run ended. */
    CANCELLED
  }

  private final Kind kind;
  private final int status;

  public ModelException(Kind kind, String message) {
    this(kind, -1, message, null);
  }

  public ModelException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, when the server answered with one. */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
