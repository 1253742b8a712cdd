package dev.llmos.kernel.rules;

/** A rule that cannot be read: where in the rule (1-based column) and why. */
public final class RuleSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int column;
  private final String reason;

  public RuleSyntaxException(int column, String reason) {
    super("column " + column + ": " + reason);
    this.column = column;
    this.reason = reason;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
