package dev.llmos.kernel.rules;

/** What a reading or an operand holds: a number in the unit its name ends with, or a flag. */
public enum ValueType {
  NUMBER,
  BOOLEAN;

  public String label() {
    return this == NUMBER ? "a number" : "a boolean";
  }
}
