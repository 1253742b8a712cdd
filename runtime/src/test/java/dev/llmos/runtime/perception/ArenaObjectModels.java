package dev.llmos.runtime.perception;

import dev.llmos.sim.arena.Arena;
import java.util.List;

/** The object models of a simulator arena's labelled objects, as the tests' detectors use them. */
public final class ArenaObjectModels {
  private ArenaObjectModels() {}

  public static List<ObjectModel> of(Arena arena) {
    return arena.objects().stream()
        .map(
            o ->
                new ObjectModel(
                    o.label(),
                    o.colour().packed(),
                    ObjectModel.DEFAULT_HUE_TOLERANCE_DEG,
                    ObjectModel.Shape.valueOf(o.shape().name()),
                    2 * o.radiusM()))
        .toList();
  }
}
