package dev.llmos.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.hal.robot.RangeSensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldModelTest {
  private static final RangeSensor FORWARD = new RangeSensor(Rotation2d.ZERO, 0.02, 1.0);

  /** 20x20 cells of 10 cm from (0, 0): cell (col, row) covers x in [col/10, ..), row 19 is y 0. */
  private static WorldModel small() {
    return new WorldModel("a", new GridGeometry(0, 0, 0.1, 20, 20), 0);
  }

  private static void scanEast(WorldModel world, double rangeM) {
    world.integrateScan(
        new Pose2d(0.05, 1.05, Rotation2d.ZERO), List.of(FORWARD), List.of(rangeM), 0);
  }

  @Test
  void geometryPutsRowZeroNorthAndConvertsBothWays() {
    GridGeometry g = new GridGeometry(-1, 2, 0.5, 4, 6);
    assertThat(g.col(-0.9)).isZero();
    assertThat(g.row(2.1)).isEqualTo(5);
    assertThat(g.row(4.9)).isZero();
    Translation2d centre = g.cellCentre(1, 5);
    assertThat(centre.xM()).isCloseTo(-0.25, within(1e-12));
    assertThat(centre.yM()).isCloseTo(2.25, within(1e-12));
    assertThat(g.col(centre.xM())).isEqualTo(1);
    assertThat(g.row(centre.yM())).isEqualTo(5);
    assertThatThrownBy(() -> new GridGeometry(0, 0, 0, 4, 4)).hasMessageContaining("resolution");
  }

  @Test
  void aBeamFreesTheCellsItCrossesAndOccupiesTheOneItEndsIn() {
    WorldModel world = small();
    scanEast(world, 0.5);
    LogOddsModel m = LogOddsModel.DEFAULT;
    int row = world.geometry().row(1.05);
    for (int col = 0; col < 5; col++) {
      assertThat(world.logOdds(col, row)).isCloseTo(m.missLogOdds(), within(1e-6));
    }
    assertThat(world.logOdds(5, row)).isCloseTo(m.hitLogOdds(), within(1e-6));
    assertThat(world.logOdds(6, row)).isZero();
    assertThat(world.logOdds(3, row - 1)).isZero();
    assertThat(world.version()).isEqualTo(1);
  }

  @Test
  void aReadingAtMaximumRangeMarksNothingOccupied() {
    WorldModel world = small();
    scanEast(world, 1.0);
    int row = world.geometry().row(1.05);
    for (int col = 0; col <= 10; col++) {
      assertThat(world.logOdds(col, row)).isNegative();
    }
    assertThat(world.logOdds(11, row)).isZero();
  }

  @Test
  void diagonalBeamsVisitAConnectedChainOfCells() {
    WorldModel world = small();
    RangeSensor diagonal = new RangeSensor(Rotation2d.ofDegrees(37), 0.02, 2.0);
    world.integrateScan(
        new Pose2d(0.23, 0.31, Rotation2d.ZERO), List.of(diagonal), List.of(1.4), 0);
    GridGeometry g = world.geometry();
    double endX = 0.23 + 1.4 * Math.cos(Math.toRadians(37));
    double endY = 0.31 + 1.4 * Math.sin(Math.toRadians(37));
    assertThat(world.state(g.col(endX), g.row(endY))).isEqualTo(CellState.UNKNOWN);
    assertThat(world.logOdds(g.col(endX), g.row(endY))).isPositive();
    assertThat(world.logOdds(g.col(0.23), g.row(0.31))).isNegative();
    int touched = 0;
    for (int r = 0; r < 20; r++) {
      for (int c = 0; c < 20; c++) {
        if (world.logOdds(c, r) != 0) {
          touched++;
        }
      }
    }
    // One cell per boundary crossed: |dcol| + |drow| + 1.
    int expected = Math.abs(g.col(endX) - g.col(0.23)) + Math.abs(g.row(endY) - g.row(0.31)) + 1;
    assertThat(touched).isEqualTo(expected);
  }

  @Test
  void logOddsClampAndCrossTheThresholds() {
    WorldModel world = small();
    int row = world.geometry().row(1.05);
    scanEast(world, 0.5);
    assertThat(world.state(5, row)).isEqualTo(CellState.UNKNOWN);
    assertThat(world.state(2, row)).isEqualTo(CellState.UNKNOWN);
    scanEast(world, 0.5);
    assertThat(world.state(5, row)).isEqualTo(CellState.OCCUPIED);
    assertThat(world.state(2, row)).isEqualTo(CellState.FREE);
    for (int i = 0; i < 50; i++) {
      scanEast(world, 0.5);
    }
    assertThat(world.logOdds(5, row)).isEqualTo(LogOddsModel.DEFAULT.maxLogOdds(), within(1e-6));
    assertThat(world.logOdds(2, row)).isEqualTo(LogOddsModel.DEFAULT.minLogOdds(), within(1e-6));
    // Clamped, so a handful of contrary readings clear a wall that moved: (3.5 + 0.6) / 0.4 < 11.
    for (int i = 0; i < 10; i++) {
      scanEast(world, 0.9);
    }
    assertThat(world.state(5, row)).isEqualTo(CellState.UNKNOWN);
    scanEast(world, 0.9);
    assertThat(world.state(5, row)).isEqualTo(CellState.FREE);
  }

  @Test
  void cellsOffTheMapAreIgnoredAndQueriesOffItRefused() {
    WorldModel world = small();
    world.integrateScan(new Pose2d(-1, 1.05, Rotation2d.ZERO), List.of(FORWARD), List.of(0.5), 0);
    assertThat(world.knownCellCount()).isZero();
    assertThat(world.state(-1, 0)).isEqualTo(CellState.UNKNOWN);
    assertThatThrownBy(() -> world.logOdds(20, 0)).hasMessageContaining("off the 20x20 map");
    assertThatThrownBy(
            () -> world.integrateScan(Pose2d.ORIGIN, List.of(FORWARD), List.of(0.5, 0.5), 0))
        .hasMessageContaining("2 range readings for 1 sensors");
  }

  @Test
  void sightingsOfOneObjectMerge() {
    WorldModel world = small();
    world.observeObject("ball", new Translation2d(1, 1), 0.5, 1);
    DetectedObject merged = world.observeObject("ball", new Translation2d(1.1, 1), 0.5, 2);
    world.observeObject("ball", new Translation2d(1.8, 1.8), 0.9, 3);
    world.observeObject("cup", new Translation2d(1, 1), 0.9, 4);
    assertThat(merged.position().xM()).isCloseTo(1.05, within(1e-9));
    assertThat(merged.confidence()).isCloseTo(0.75, within(1e-9));
    assertThat(merged.sightings()).isEqualTo(2);
    assertThat(world.objects()).hasSize(3);
    assertThat(world.objects("ball"))
        .extracting(DetectedObject::lastSeenS)
        .containsExactly(3.0, 2.0);
    assertThat(world.objects("chair")).isEmpty();
  }

  @Test
  void thePathKeepsPosesHalfACellApartAndDropsTheOldest() {
    WorldModel world =
        new WorldModel(
            "a", new GridGeometry(0, 0, 0.1, 20, 20), LogOddsModel.DEFAULT, 0, List.of(), 0, 3);
    for (int i = 0; i < 10; i++) {
      world.recordPose(i, new Pose2d(i * 0.02, 0, Rotation2d.ZERO));
    }
    assertThat(world.path()).extracting(PathPoint::timeS).containsExactly(3.0, 6.0, 9.0);
  }

  @Test
  void explorationCountsKnownCellsOverAllOrOverTheReachableArea() {
    WorldModel world = small();
    scanEast(world, 0.5);
    scanEast(world, 0.5);
    assertThat(world.knownCellCount()).isEqualTo(6);
    assertThat(world.explorationFraction()).isCloseTo(6 / 400.0, within(1e-12));
    boolean[] blocked = new boolean[400];
    for (int i = 0; i < 400; i++) {
      blocked[i] = i / 20 != world.geometry().row(1.05);
    }
    OccupancyGrid corridor = OccupancyGrid.of(20, 20, blocked);
    assertThat(world.explorationFraction(corridor)).isCloseTo(6 / 20.0, within(1e-12));
    assertThatThrownBy(() -> world.explorationFraction(OccupancyGrid.of(2, 2, new boolean[4])))
        .hasMessageContaining("does not fit");
  }

  @Test
  void inflationBlocksCellsNearObstaclesAndFollowsChanges() {
    WorldModel world = new WorldModel("a", new GridGeometry(0, 0, 0.1, 20, 20), 0.2);
    int row = world.geometry().row(1.05);
    scanEast(world, 0.5);
    assertThat(world.isBlocked(5, row)).isFalse();
    scanEast(world, 0.5);
    assertThat(world.isBlocked(5, row)).isTrue();
    assertThat(world.isBlocked(3, row)).isTrue();
    assertThat(world.isBlocked(2, row)).isFalse();
    assertThat(world.isBlocked(5, row - 2)).isTrue();
    assertThat(world.isBlocked(6, row - 2)).isFalse();
    assertThat(world.isBlocked(-1, 0)).isTrue();
    OccupancyGrid plain = world.toOccupancyGrid(0, false);
    assertThat(plain.blockedCount()).isEqualTo(1);
    assertThat(plain.isBlocked(5, row)).isTrue();
    OccupancyGrid cautious = world.toOccupancyGrid(0, true);
    assertThat(cautious.blockedCount()).isEqualTo(400 - 5);
    for (int i = 0; i < 8; i++) {
      scanEast(world, 0.9);
    }
    assertThat(world.isBlocked(5, row)).isFalse();
  }
}
