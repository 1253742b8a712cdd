package dev.llmos.runtime.blackbox;

import java.util.Map;
import java.util.Set;

/**
 * One control tick as the black box keeps it: what the robot sensed, what was decided by which
 * brain and why, what was sent and what the safety validator said, and how long each stage took.
 *
 * @param tick the tick number, from 0
 * @param timeS robot time of the telemetry the tick acted on, seconds
 * @param xM robot x, metres
 * @param yM robot y, metres
 * @param headingRad robot heading, radians
 * @param nearestRangeM the nearest distance reading, metres
 * @param bumper whether the bumper was pressed
 * @param collisions collisions counted by the robot so far
 * @param brain which brain decided (reflex, instinct, planner)
 * @param reason why (the rule that matched, the plan step, the escalation)
 * @param confidence the deciding brain's confidence, 0 to 1
 * @param surpriseM how far the sensors were from the predictor's forecast, smoothed, metres
 * @param command what was sent to the robot, readable; empty when nothing was sent
 * @param verdict the safety validator's verdict: accepted, adjusted (with the rule) or refused
 * @param latenciesMs how long each stage took, milliseconds, by stage name
 */
public record TickRecord(
    long tick,
    double timeS,
    double xM,
    double yM,
    double headingRad,
    double nearestRangeM,
    boolean bumper,
    int collisions,
    String brain,
    String reason,
    double confidence,
    double surpriseM,
    String command,
    String verdict,
    Map<String, Double> latenciesMs) {

  /**
   * Latencies recorded with a tick that are not its own work: the planner's time on its own thread
   * and a lockstep run's waits for a plan's delivery, a camera frame's bytes, perception and the
   * VLM instinct (on a real robot those run beside the tick).
   */
  public static final Set<String> OFF_TICK =
      Set.of("planner", "plan_wait", "frame_wait", "perceive_wait", "instinct_wait");

  public TickRecord {
    latenciesMs = Map.copyOf(latenciesMs);
  }

  /** The tick's own work, milliseconds: its stages, without what {@link #OFF_TICK} names. */
  public double tickTimeMs() {
    double sum = 0;
    for (Map.Entry<String, Double> stage : latenciesMs.entrySet()) {
      if (!OFF_TICK.contains(stage.getKey())) {
        sum += stage.getValue();
      }
    }
    return sum;
  }
}
