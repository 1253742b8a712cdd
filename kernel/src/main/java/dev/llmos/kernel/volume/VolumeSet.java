package dev.llmos.kernel.volume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The volumes a workspace sees, in lookup order: user, then team, then system. The first volume
 * that holds a path wins.
 */
public final class VolumeSet {
  private final List<Volume> volumes;

  private VolumeSet(List<Volume> volumes) {
    this.volumes = volumes;
  }

  /** The given volumes, at most one of each kind, sorted into lookup order. */
  public static VolumeSet of(Volume... volumes) {
    List<Volume> list = new ArrayList<>(List.of(volumes));
    list.sort(Comparator.comparing(Volume::kind));
    for (int i = 1; i < list.size(); i++) {
      if (list.get(i).kind() == list.get(i - 1).kind()) {
        throw new IllegalArgumentException("two " + list.get(i).kind().label() + " volumes");
      }
    }
    return new VolumeSet(List.copyOf(list));
  }

  public List<Volume> inLookupOrder() {
    return volumes;
  }

  public Optional<Volume> get(VolumeKind kind) {
    return volumes.stream().filter(v -> v.kind() == kind).findFirst();
  }

  /** The volume of a kind, or an error saying how to get one. */
  public Volume require(VolumeKind kind) {
    return get(kind)
        .orElseThrow(
            () ->
                new VolumeException(
                    "there is no "
                        + kind.label()
                        + " volume here; run `llmos init` to create a workspace"));
  }

  /** The first volume, in lookup order, holding {@code relative}. */
  public Optional<Volume> find(String relative) {
    return volumes.stream().filter(v -> v.exists(relative)).findFirst();
  }
}
