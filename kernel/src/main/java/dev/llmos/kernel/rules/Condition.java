package dev.llmos.kernel.rules;

/** When a rule applies. */
public sealed interface Condition {
  /** Always applies: the catch-all last rule. */
  record Always() implements Condition {}

  record Not(Condition operand) implements Condition {}

  record And(Condition left, Condition right) implements Condition {}

  record Or(Condition left, Condition right) implements Condition {}

  record Comparison(Operand left, Operator operator, Operand right) implements Condition {}
}
