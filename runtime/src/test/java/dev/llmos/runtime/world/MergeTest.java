package dev.llmos.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.robot.RangeSensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeTest {
  private static final GridGeometry GEOMETRY = new GridGeometry(0, 0, 0.1, 20, 20);
  private static final RangeSensor FORWARD = new RangeSensor(Rotation2d.ZERO, 0.02, 1.0);
  private static final int ROW = GEOMETRY.row(1.05);

  private static void scanEast(WorldModel world, double rangeM) {
    world.integrateScan(
        new Pose2d(0.05, 1.05, Rotation2d.ZERO), List.of(FORWARD), List.of(rangeM), 0);
  }

  @Test
  void fusionAddsTrustWeightedLogOddsAndClamps() {
    WorldModel a = new WorldModel("a", GEOMETRY, 0);
    WorldModel b = new WorldModel("b", GEOMETRY, 0);
    scanEast(a, 0.5);
    scanEast(b, 0.5);
    scanEast(b, 0.5);
    assertThat(a.mergeWith(b, 0.5)).isEqualTo(MergeResult.ADDED);
    LogOddsModel m = LogOddsModel.DEFAULT;
    assertThat(a.logOdds(5, ROW)).isCloseTo(m.hitLogOdds() * 2, within(1e-6));
    assertThat(a.logOdds(2, ROW)).isCloseTo(m.missLogOdds() * 2, within(1e-6));
    assertThat(a.ownLogOdds(5, ROW)).isCloseTo(m.hitLogOdds(), within(1e-6));
    assertThat(a.state(5, ROW)).isEqualTo(CellState.OCCUPIED);
    for (int i = 0; i < 20; i++) {
      scanEast(b, 0.5);
    }
    assertThat(a.mergeWith(b, 1)).isEqualTo(MergeResult.REPLACED);
    assertThat(a.logOdds(5, ROW)).isCloseTo(m.maxLogOdds(), within(1e-6));
    assertThat(a.logOdds(2, ROW)).isCloseTo(m.minLogOdds(), within(1e-6));
  }

  @Test
  void trustScalesTheOtherMap() {
    WorldModel b = new WorldModel("b", GEOMETRY, 0);
    scanEast(b, 0.5);
    scanEast(b, 0.5);
    WorldModel trusting = new WorldModel("a", GEOMETRY, 0);
    WorldModel doubtful = new WorldModel("c", GEOMETRY, 0);
    trusting.mergeWith(b, 1);
    doubtful.mergeWith(b, 0.25);
    assertThat(trusting.state(5, ROW)).isEqualTo(CellState.OCCUPIED);
    assertThat(doubtful.state(5, ROW)).isEqualTo(CellState.UNKNOWN);
    assertThat(doubtful.logOdds(5, ROW)).isCloseTo(0.25 * 1.7, within(1e-6));
    WorldModel ignoring = new WorldModel("d", GEOMETRY, 0);
    ignoring.mergeWith(b, 0);
    assertThat(ignoring.knownCellCount()).isZero();
  }

  @Test
  void theSameVersionMergedTwiceCountsOnceEvenThroughASnapshot() {
    WorldModel a = new WorldModel("a", GEOMETRY, 0);
    WorldModel b = new WorldModel("b", GEOMETRY, 0);
    scanEast(b, 0.5);
    byte[] shared = b.snapshot();
    assertThat(a.mergeWith(WorldModel.fromSnapshot(shared), 1)).isEqualTo(MergeResult.ADDED);
    double once = a.logOdds(5, ROW);
    assertThat(a.mergeWith(WorldModel.fromSnapshot(shared), 1))
        .isEqualTo(MergeResult.ALREADY_MERGED);
    assertThat(a.mergeWith(b, 1)).isEqualTo(MergeResult.ALREADY_MERGED);
    assertThat(a.logOdds(5, ROW)).isEqualTo(once);
    scanEast(b, 0.5);
    assertThat(a.mergeWith(b, 1)).isEqualTo(MergeResult.REPLACED);
    assertThat(a.mergeWith(WorldModel.fromSnapshot(shared), 1)).isEqualTo(MergeResult.STALE);
    assertThat(a.logOdds(5, ROW)).isCloseTo(1.7, within(1e-6));
    assertThat(a.mergedVersions()).containsEntry("b", 2L);
  }

  @Test
  void mergedKnowledgeDoesNotEchoBack() {
    WorldModel a = new WorldModel("a", GEOMETRY, 0);
    WorldModel b = new WorldModel("b", GEOMETRY, 0);
    scanEast(a, 0.5);
    b.mergeWith(a, 1);
    assertThat(b.logOdds(5, ROW)).isPositive();
    a.mergeWith(b, 1);
    assertThat(a.logOdds(5, ROW)).isCloseTo(LogOddsModel.DEFAULT.hitLogOdds(), within(1e-6));
  }

  @Test
  void ownScansAfterAMergeKeepTheMergedEvidence() {
    WorldModel a = new WorldModel("a", GEOMETRY, 0);
    WorldModel b = new WorldModel("b", GEOMETRY, 0);
    scanEast(b, 0.5);
    a.mergeWith(b, 1);
    scanEast(a, 0.5);
    assertThat(a.logOdds(5, ROW)).isCloseTo(1.7, within(1e-6));
  }

  @Test
  void mismatchedMapsAndBadTrustAreRefused() {
    WorldModel a = new WorldModel("a", GEOMETRY, 0);
    assertThatThrownBy(
            () -> a.mergeWith(new WorldModel("b", new GridGeometry(0, 0, 0.05, 20, 20), 0), 1))
        .hasMessageContaining("differ in geometry");
    assertThatThrownBy(() -> a.mergeWith(new WorldModel("a", GEOMETRY, 0), 1))
        .hasMessageContaining("its own map");
    assertThatThrownBy(() -> a.mergeWith(new WorldModel("b", GEOMETRY, 0), 1.5))
        .hasMessageContaining("trust");
  }
}
