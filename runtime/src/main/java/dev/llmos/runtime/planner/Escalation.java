package dev.llmos.runtime.planner;

import java.util.Locale;

/** Why the instinct asks the planner for a plan. */
public enum Escalation {
  /** The rules chose a plan action and there is no plan for it, or the last one is done. */
  GOAL_NEEDS_PLAN,
  /** The robot wants to move and has not moved for a while. */
  STUCK,
  /** Perception saw something the world model did not hold. */
  UNKNOWN_OBJECT,
  /** The sensors keep disagreeing with the predictor: the map is wrong here. */
  SURPRISE,
  /** A plan is redone now and then, as the map fills in. */
  PERIODIC,
  /** The instinct's own choice was vetoed or is doubtful. */
  LOW_CONFIDENCE;

  /** The name in traces and summaries: {@code goal_needs_plan}, {@code stuck}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
