package dev.llmos.runtime.world;

import dev.llmos.core.geometry.Translation2d;

/**
 * Something perception recognised, as the map remembers it.
 *
 * @param label what it is ("red ball")
 * @param position where, world metres (confidence-weighted mean of its sightings)
 * @param confidence 0 to 1, combined over sightings as independent evidence
 * @param lastSeenS time of the latest sighting, seconds
 * @param sightings how many sightings were merged into it
 */
public record DetectedObject(
    String label, Translation2d position, double confidence, double lastSeenS, int sightings) {
  public DetectedObject {
    if (label == null || label.isBlank() || position == null) {
      throw new IllegalArgumentException("an object needs a label and a position");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException(
          "object '" + label + "': confidence must be in [0, 1], got " + confidence);
    }
    if (!Double.isFinite(lastSeenS) || sightings < 1) {
      throw new IllegalArgumentException(
          "object '" + label + "': needs a finite time and at least one sighting");
    }
  }
}
