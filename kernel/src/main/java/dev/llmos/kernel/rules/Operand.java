package dev.llmos.kernel.rules;

/** One side of a comparison, or an action's argument. */
public sealed interface Operand {
  ValueType type();

  /** A number written in the rule. */
  record NumberLiteral(double value) implements Operand {
    @Override
    public ValueType type() {
      return ValueType.NUMBER;
    }
  }

  /** {@code true} or {@code false}. */
  record BooleanLiteral(boolean value) implements Operand {
    @Override
    public ValueType type() {
      return ValueType.BOOLEAN;
    }
  }

  /** A reading, measured each tick. */
  record ReadingValue(Reading reading) implements Operand {
    @Override
    public ValueType type() {
      return reading.type();
    }
  }

  /** A parameter of the agent's {@code params}; parameters are numbers. */
  record Param(String name) implements Operand {
    @Override
    public ValueType type() {
      return ValueType.NUMBER;
    }
  }
}
