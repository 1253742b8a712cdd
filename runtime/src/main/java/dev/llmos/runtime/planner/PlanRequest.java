package dev.llmos.runtime.planner;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.runtime.perception.Detection;
import dev.llmos.runtime.world.WorldModel;
import java.util.List;
import java.util.Optional;

/**
 * What the planner is asked.
 *
 * @param id the request's number in the run, from 1
 * @param tick the control tick that asked
 * @param goal the plan action: to a frontier, home, the target or the route's next point
 * @param reason why the instinct asked
 * @param world a copy of the map at that tick, the planner's own
 * @param robot where the robot was
 * @param home where it started
 * @param target the label of what it is after, if anything
 * @param image the camera frame of that tick, for planners that look (the RSA planner shows it to
 *     its model); the classical planner ignores it
 * @param detections what perception saw in that frame
 * @param waypoint the route point to plan to, present exactly when the goal is {@code
 *     plan_to_waypoint}
 */
public record PlanRequest(
    long id,
    long tick,
    ActionKind goal,
    Escalation reason,
    WorldModel world,
    Translation2d robot,
    Translation2d home,
    Optional<String> target,
    Optional<JpegImage> image,
    List<Detection> detections,
    Optional<Translation2d> waypoint) {
  public PlanRequest {
    if (!goal.needsPlanner() || goal == ActionKind.FOLLOW_PLAN) {
      throw new IllegalArgumentException(goal.key() + " is not something to plan to");
    }
    if (waypoint.isPresent() != (goal == ActionKind.PLAN_TO_WAYPOINT)) {
      throw new IllegalArgumentException(
          "a route point goes with plan_to_waypoint and only with it, not with " + goal.key());
    }
    detections = List.copyOf(detections);
  }

  /** A request with a camera frame and detections, for any goal but the route's. */
  public PlanRequest(
      long id,
      long tick,
      ActionKind goal,
      Escalation reason,
      WorldModel world,
      Translation2d robot,
      Translation2d home,
      Optional<String> target,
      Optional<JpegImage> image,
      List<Detection> detections) {
    this(id, tick, goal, reason, world, robot, home, target, image, detections, Optional.empty());
  }

  /** A request without a camera frame or detections. */
  public PlanRequest(
      long id,
      long tick,
      ActionKind goal,
      Escalation reason,
      WorldModel world,
      Translation2d robot,
      Translation2d home,
      Optional<String> target) {
    this(id, tick, goal, reason, world, robot, home, target, Optional.empty(), List.of());
  }

  /** The same request with the tick's camera frame and what perception saw in it. */
  public PlanRequest withVision(Optional<JpegImage> frame, List<Detection> seen) {
    return new PlanRequest(
        id, tick, goal, reason, world, robot, home, target, frame, seen, waypoint);
  }
}
