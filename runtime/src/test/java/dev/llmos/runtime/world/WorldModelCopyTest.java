package dev.llmos.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.robot.RangeSensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldModelCopyTest {
  private static final GridGeometry GEOMETRY = new GridGeometry(0, 0, 0.1, 20, 20);
  private static final RangeSensor FORWARD = new RangeSensor(Rotation2d.ZERO, 0.02, 1.0);

  private static void scanEast(WorldModel world, double yM, double rangeM) {
    world.integrateScan(
        new Pose2d(0.05, yM, Rotation2d.ZERO), List.of(FORWARD), List.of(rangeM), 0);
  }

  /** A map with cells, an object, a path and one merged source. */
  private static WorldModel busy(WorldModel source) {
    WorldModel world = new WorldModel("a", GEOMETRY, 0.1);
    for (int i = 0; i < 3; i++) {
      scanEast(world, 1.05, 0.5);
      scanEast(world, 0.55, 0.8);
    }
    world.observeObject("cup", new Translation2d(0.6, 1.2), 0.8, 1.0);
    world.recordPose(0.0, new Pose2d(0.05, 1.05, Rotation2d.ZERO));
    world.recordPose(0.5, new Pose2d(0.45, 1.05, Rotation2d.ZERO));
    scanEast(source, 1.55, 0.7);
    scanEast(source, 1.55, 0.7);
    world.mergeWith(source, 0.5);
    return world;
  }

  private static float[] fusedCells(WorldModel world) {
    float[] cells = new float[GEOMETRY.cellCount()];
    for (int row = 0; row < GEOMETRY.heightCells(); row++) {
      for (int col = 0; col < GEOMETRY.widthCells(); col++) {
        cells[GEOMETRY.index(col, row)] = (float) world.logOdds(col, row);
      }
    }
    return cells;
  }

  private static float[] ownCells(WorldModel world) {
    float[] cells = new float[GEOMETRY.cellCount()];
    for (int row = 0; row < GEOMETRY.heightCells(); row++) {
      for (int col = 0; col < GEOMETRY.widthCells(); col++) {
        cells[GEOMETRY.index(col, row)] = (float) world.ownLogOdds(col, row);
      }
    }
    return cells;
  }

  @Test
  void aCopyHoldsTheSameCellsObjectsPathAndSources() {
    WorldModel original = busy(new WorldModel("b", GEOMETRY, 0));
    WorldModel copy = original.copy();

    assertThat(copy.id()).isEqualTo(original.id());
    assertThat(copy.version()).isEqualTo(original.version());
    assertThat(copy.geometry()).isEqualTo(original.geometry());
    assertThat(copy.inflationRadiusM()).isEqualTo(original.inflationRadiusM());
    assertThat(fusedCells(copy)).containsExactly(fusedCells(original));
    assertThat(ownCells(copy)).containsExactly(ownCells(original));
    assertThat(copy.objects()).isEqualTo(original.objects()).hasSize(1);
    assertThat(copy.path()).isEqualTo(original.path()).hasSize(2);
    assertThat(copy.mergedVersions()).isEqualTo(original.mergedVersions()).containsKey("b");
    assertThat(copy.toOccupancyGrid(0.1, false)).isEqualTo(original.toOccupancyGrid(0.1, false));
  }

  @Test
  void whatTheOriginalLearnsAfterwardsDoesNotReachTheCopy() {
    WorldModel original = busy(new WorldModel("b", GEOMETRY, 0));
    // Query first so that the original's inflation cache is warm when it changes.
    int row = GEOMETRY.row(0.25);
    assertThat(original.isBlocked(5, row)).isFalse();
    WorldModel copy = original.copy();
    float[] fused = fusedCells(copy);
    float[] own = ownCells(copy);

    for (int i = 0; i < 3; i++) {
      scanEast(original, 0.25, 0.5);
    }
    original.observeObject("ball", new Translation2d(1.5, 0.3), 0.9, 2.0);
    original.observeObject("cup", new Translation2d(0.65, 1.2), 0.9, 2.0);
    original.recordPose(1.0, new Pose2d(1.05, 1.05, Rotation2d.ZERO));

    assertThat(original.isBlocked(5, row)).isTrue();
    assertThat(copy.isBlocked(5, row)).isFalse();
    assertThat(fusedCells(copy)).containsExactly(fused);
    assertThat(ownCells(copy)).containsExactly(own);
    assertThat(copy.objects())
        .hasSize(1)
        .first()
        .extracting(DetectedObject::sightings)
        .isEqualTo(1);
    assertThat(copy.path()).hasSize(2);
    assertThat(copy.version()).isLessThan(original.version());
  }

  @Test
  void aNewerMergeIntoTheOriginalLeavesTheCopysFusedLayerAlone() {
    WorldModel source = new WorldModel("b", GEOMETRY, 0);
    WorldModel original = busy(source);
    WorldModel copy = original.copy();
    float[] fused = fusedCells(copy);

    // A newer version of the source rewrites its contribution in place in the original.
    for (int i = 0; i < 5; i++) {
      scanEast(source, 1.55, 0.3);
    }
    original.mergeWith(source, 1);
    assertThat(fusedCells(original)).isNotEqualTo(fused);
    assertThat(fusedCells(copy)).containsExactly(fused);
    assertThat(copy.mergedVersions()).containsEntry("b", 2L);

    // The copy's own record of the source is whole: replacing it there matches the original.
    assertThat(copy.mergeWith(source, 1)).isEqualTo(MergeResult.REPLACED);
    assertThat(fusedCells(copy)).containsExactly(fusedCells(original));
  }
}
