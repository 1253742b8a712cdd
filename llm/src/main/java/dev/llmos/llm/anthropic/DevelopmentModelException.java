package dev.llmos.llm.anthropic;

/** The development model could not be asked; the message says what to do about it. */
public final class DevelopmentModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How it failed. */
  public enum Kind {
    /** No API key in the environment. */
    NO_KEY,
    /** The API refused the key (401) or its permissions (403). */
    AUTHENTICATION,
    /** 429, still after the retries. */
    RATE_LIMITED,
    /** A 5xx or 529 (overloaded), still after the retries. */
    SERVER_ERROR,
    /** Any other refusal of the request: a 4xx such as an unknown model. */
    REQUEST_REFUSED,
    /** The API could not be reached, or did not answer in time. */
    UNREACHABLE,
    /** The answer was not a Messages API response. */
    MALFORMED_RESPONSE
  }

  private final Kind kind;

  public DevelopmentModelException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
