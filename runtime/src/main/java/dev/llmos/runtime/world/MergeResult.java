package dev.llmos.runtime.world;

/** What {@link WorldModel#mergeWith(WorldModel, double)} did with another robot's map. */
public enum MergeResult {
  /** A source not merged before: its observations were added. */
  ADDED,
  /** A newer version of a merged source: its previous contribution was replaced. */
  REPLACED,
  /** This very version of the source was merged already: nothing changed. */
  ALREADY_MERGED,
  /** An older version than the one merged: nothing changed. */
  STALE
}
