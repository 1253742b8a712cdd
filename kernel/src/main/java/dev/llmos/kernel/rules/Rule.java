package dev.llmos.kernel.rules;

/**
 * One instinct rule, {@code if <condition> then <action>}.
 *
 * @param text the rule as written, for traces and messages
 */
public record Rule(Condition condition, Action action, String text) {
  @Override
  public String toString() {
    return text;
  }
}
