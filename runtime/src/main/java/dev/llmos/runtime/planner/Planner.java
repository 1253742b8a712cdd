package dev.llmos.runtime.planner;

import dev.llmos.core.geometry.Translation2d;
import java.util.List;
import java.util.Optional;

/**
 * The deliberate brain: turns a plan request into waypoints. It runs off the control thread (see
 * {@link AsyncPlanner}), so it may take its time; it may also fail, which the controller records
 * and survives.
 */
@FunctionalInterface
public interface Planner {
  /**
   * Waypoints from the robot to the goal in world metres, or empty when there is nothing to plan to
   * (no frontier left, the target never seen) or no way there.
   */
  Optional<List<Translation2d>> plan(PlanRequest request);
}
