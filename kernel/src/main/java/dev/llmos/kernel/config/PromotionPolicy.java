package dev.llmos.kernel.config;

/**
 * When a skill or agent may move up a volume, from {@code kernel/evolution-rules.md}.
 *
 * @param userToTeam evidence needed to move from the user volume to the team volume
 * @param teamToSystem evidence needed to move from the team volume to the system volume
 * @param systemRequiresApproval whether a person must approve a promotion into the system volume
 */
public record PromotionPolicy(
    Threshold userToTeam, Threshold teamToSystem, boolean systemRequiresApproval) {

  /**
   * The evidence a promotion needs.
   *
   * @param minUses recorded uses, at least
   * @param minSuccessRate successful uses over all uses, 0 to 1, at least
   */
  public record Threshold(int minUses, double minSuccessRate) {}
}
