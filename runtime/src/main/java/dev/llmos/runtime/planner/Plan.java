package dev.llmos.runtime.planner;

import dev.llmos.core.geometry.Translation2d;
import java.util.List;
import java.util.Optional;

/**
 * What came back from the planner.
 *
 * @param request what was asked
 * @param waypoints the path, empty when there was nothing to plan to or the planner failed
 * @param error the planner's failure, when it threw
 * @param latencyMs how long the planner took, milliseconds
 */
public record Plan(
    PlanRequest request,
    Optional<List<Translation2d>> waypoints,
    Optional<String> error,
    double latencyMs) {
  public Plan {
    waypoints = waypoints.map(List::copyOf);
  }

  public boolean failed() {
    return error.isPresent();
  }
}
