package dev.llmos.runtime.planner;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.runtime.world.WorldModel;
import java.util.Optional;

/**
 * What the planner is asked.
 *
 * @param id the request's number in the run, from 1
 * @param tick the control tick that asked
 * @param goal the plan action: to a frontier, home, or the target
 * @param reason why the instinct asked
 * @param world a copy of the map at that tick, the planner's own
 * @param robot where the robot was
 * @param home where it started
 * @param target the label of what it is after, if anything
 */
public record PlanRequest(
    long id,
    long tick,
    ActionKind goal,
    Escalation reason,
    WorldModel world,
    Translation2d robot,
    Translation2d home,
    Optional<String> target) {
  public PlanRequest {
    if (!goal.needsPlanner() || goal == ActionKind.FOLLOW_PLAN) {
      throw new IllegalArgumentException(goal.key() + " is not something to plan to");
    }
  }
}
