package dev.llmos.kernel.rules;

/** A comparison between two operands. */
public enum Operator {
  LESS("<"),
  LESS_OR_EQUAL("<="),
  GREATER(">"),
  GREATER_OR_EQUAL(">="),
  EQUAL("=="),
  NOT_EQUAL("!=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Only equality applies to booleans; the others order numbers. */
  public boolean ordersNumbers() {
    return this != EQUAL && this != NOT_EQUAL;
  }

  /** Applies the comparison to two numbers (booleans compare as 0 and 1). */
  public boolean test(double left, double right) {
    return switch (this) {
      case LESS -> left < right;
      case LESS_OR_EQUAL -> left <= right;
      case GREATER -> left > right;
      case GREATER_OR_EQUAL -> left >= right;
      case EQUAL -> left == right;
      case NOT_EQUAL -> left != right;
    };
  }
}
