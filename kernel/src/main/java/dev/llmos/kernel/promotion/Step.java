package dev.llmos.kernel.promotion;

import dev.llmos.kernel.config.PromotionPolicy;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.Optional;

/** The two promotion steps, each with its threshold in {@code kernel/evolution-rules.md}. */
public enum Step {
  USER_TO_TEAM(VolumeKind.USER, VolumeKind.TEAM, "user_to_team"),
  TEAM_TO_SYSTEM(VolumeKind.TEAM, VolumeKind.SYSTEM, "team_to_system");

  private final VolumeKind from;
  private final VolumeKind to;
  private final String kernelKey;

  Step(VolumeKind from, VolumeKind to, String kernelKey) {
    this.from = from;
    this.to = to;
    this.kernelKey = kernelKey;
  }

  public VolumeKind from() {
    return from;
  }

  public VolumeKind to() {
    return to;
  }

  /** The key of this step's threshold under {@code promotion} in the kernel file. */
  public String kernelKey() {
    return kernelKey;
  }

  public PromotionPolicy.Threshold threshold(PromotionPolicy policy) {
    return this == USER_TO_TEAM ? policy.userToTeam() : policy.teamToSystem();
  }

  /** Whether a person must approve this step under a policy. */
  public boolean needsApproval(PromotionPolicy policy) {
    return this == TEAM_TO_SYSTEM && policy.systemRequiresApproval();
  }

  /** The step out of a volume; the system volume is the top. */
  public static Optional<Step> from(VolumeKind volume) {
    for (Step step : values()) {
      if (step.from == volume) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }
}
