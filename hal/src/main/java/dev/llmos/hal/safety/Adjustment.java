package dev.llmos.hal.safety;

/**
 * One change the safety rules made to an accepted command.
 *
 * @param rule the rule that made it
 * @param reason what was changed and why, in plain words
 */
public record Adjustment(SafetyRule rule, String reason) {
  public Adjustment {
    if (rule == null || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("an adjustment needs a rule and a reason");
    }
  }
}
