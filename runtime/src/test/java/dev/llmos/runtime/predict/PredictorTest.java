package dev.llmos.runtime.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.runtime.world.BeamForecast;
import dev.llmos.runtime.world.CellState;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictorTest {
  private static final double RES_M = 0.05;
  private static final double TICK_S = 0.1;
  private static final double OFFSET_M = 0.04;
  private static final RangeSensor FORWARD = new RangeSensor(Rotation2d.ZERO, 0.02, 3.0);
  private static final RangeSensor LEFT_SHORT =
      new RangeSensor(Rotation2d.ofDegrees(90), 0.02, 0.5);
  private static final RangeSensor BACK = new RangeSensor(Rotation2d.ofDegrees(180), 0.02, 3.0);

  /**
   * A 4 m square map of 5 cm cells from (0, 0): wall A fills x in [2.00, 2.05) for y below 3 m,
   * wall B fills y in [3.00, 3.05) for x in [0.3, 2.0); between them and x = 0.3 every cell is
   * known free; everything else is unknown.
   */
  private static WorldModel walls() {
    WorldModel world = new WorldModel("a", GridGeometry.covering(0, 0, 4, 4, RES_M), 0);
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < 60; k++) {
        double y = (k + 0.5) * RES_M;
        world.integrateScan(
            new Pose2d(0.3, y, Rotation2d.ZERO), List.of(FORWARD), List.of(1.71), 0);
      }
      for (int k = 6; k < 40; k++) {
        double x = (k + 0.5) * RES_M;
        world.integrateScan(
            new Pose2d(x, 0.3, Rotation2d.ofDegrees(90)), List.of(FORWARD), List.of(2.71), 0);
      }
    }
    return world;
  }

  private static final WorldModel WALLS = walls();

  /** A wide robot: contact is 0.2 + 0.01 + half a cell = 0.235 m from an occupied cell's centre. */
  private static Predictor wide() {
    return new Predictor(0.2, 0.01, List.of(FORWARD, LEFT_SHORT, BACK), OFFSET_M);
  }

  private static Pose2d pose(double x, double y, double degrees) {
    return new Pose2d(x, y, Rotation2d.ofDegrees(degrees));
  }

  @Test
  void theFixtureHasTheWallsWhereTheDocSays() {
    GridGeometry g = WALLS.geometry();
    assertThat(WALLS.state(g.col(2.025), g.row(1.0))).isEqualTo(CellState.OCCUPIED);
    assertThat(WALLS.state(g.col(1.975), g.row(1.0))).isEqualTo(CellState.FREE);
    assertThat(WALLS.state(g.col(1.0), g.row(3.025))).isEqualTo(CellState.OCCUPIED);
    assertThat(WALLS.state(g.col(1.0), g.row(2.975))).isEqualTo(CellState.FREE);
    assertThat(WALLS.state(g.col(0.2), g.row(1.0))).isEqualTo(CellState.UNKNOWN);
    assertThat(WALLS.state(g.col(2.2), g.row(1.0))).isEqualTo(CellState.UNKNOWN);
  }

  @Test
  void drivingAtAKnownWallCollides() {
    // 0.3 m from the wall's face: 0.15 m of travel leaves 0.175 m to its cells' centres.
    Prediction p =
        wide().predict(WALLS, pose(1.7, 1.525, 0), 0.5, 0, new Motion(0.5, 0, 0.3), TICK_S, 0.3);
    assertThat(p.collides()).isTrue();
    assertThat(p.clearanceM()).isCloseTo(0.175, within(1e-6));
  }

  @Test
  void drivingAwayFromTheWallDoesNotCollide() {
    Prediction p =
        wide().predict(WALLS, pose(1.7, 1.5, 180), 0.5, 0, new Motion(0.5, 0, 0.3), TICK_S, 0.3);
    assertThat(p.collides()).isFalse();
    assertThat(p.clearanceM()).isInfinite();
  }

  @Test
  void backingAwayFromInsideContactDoesNotCollide() {
    // 0.125 m from the cells' centres, inside contact: backing out is how the robot gets free.
    Prediction p =
        wide().predict(WALLS, pose(1.9, 1.525, 0), 0, 0, new Motion(-0.3, 0, 0.3), TICK_S, 0.3);
    assertThat(p.collides()).isFalse();
    assertThat(p.clearanceM()).isCloseTo(0.125, within(1e-6));
  }

  @Test
  void turningInPlaceNextToTheWallDoesNotCollide() {
    Prediction p =
        wide().predict(WALLS, pose(1.9, 1.525, 0), 0, 0, new Motion(0, 1.0, 0.3), TICK_S, 0.3);
    assertThat(p.collides()).isFalse();
    assertThat(p.next().translation().distanceTo(p.from().translation()))
        .isCloseTo(0, within(1e-12));
    // From rest, 1 rad/s ramps in over the tick: half of 0.1 rad.
    assertThat(p.next().heading().radians()).isCloseTo(0.05, within(1e-9));
  }

  @Test
  void drivingParallelPastTheWallAtASafeDistanceDoesNotCollide() {
    Prediction p =
        wide().predict(WALLS, pose(1.7, 1.0, 90), 0.5, 0, new Motion(0.5, 0, 1.0), TICK_S, 1.0);
    assertThat(p.collides()).isFalse();
    // 0.325 m from the wall's cells: nothing within contact plus a cell.
    assertThat(p.clearanceM()).isInfinite();
  }

  @Test
  void nextPoseAtConstantSpeedIsTheUnicycleStraightAndOnAnArc() {
    WorldModel empty = new WorldModel("e", GridGeometry.covering(0, 0, 4, 4, RES_M), 0);
    Predictor predictor = wide();
    Pose2d start = pose(1, 1, 30);
    Pose2d straight =
        predictor.predict(empty, start, 0.5, 0, new Motion(0.5, 0, 0.3), TICK_S, 0.3).next();
    assertThat(straight.xM()).isCloseTo(1 + 0.05 * Math.cos(Math.toRadians(30)), within(1e-9));
    assertThat(straight.yM()).isCloseTo(1 + 0.05 * Math.sin(Math.toRadians(30)), within(1e-9));
    assertThat(straight.heading().radians()).isCloseTo(Math.toRadians(30), within(1e-12));

    double v = 0.4;
    double omega = 1.5;
    Pose2d arc =
        predictor.predict(empty, start, v, omega, new Motion(v, omega, 0.3), TICK_S, 0.3).next();
    double h0 = Math.toRadians(30);
    double h1 = h0 + omega * TICK_S;
    // Chords at the mid-step heading fall short of the arc by (omega * step)^2 / 24 a step.
    assertThat(arc.xM()).isCloseTo(1 + v / omega * (Math.sin(h1) - Math.sin(h0)), within(1e-5));
    assertThat(arc.yM()).isCloseTo(1 - v / omega * (Math.cos(h1) - Math.cos(h0)), within(1e-5));
    assertThat(arc.heading().radians()).isCloseTo(h1, within(1e-9));
  }

  @Test
  void fromRestTheSpeedRampsOverTheFirstTick() {
    WorldModel empty = new WorldModel("e", GridGeometry.covering(0, 0, 4, 4, RES_M), 0);
    Pose2d start = pose(1, 1, 0);
    Prediction p = wide().predict(empty, start, 0, 0, new Motion(0.5, 0, 0.3), TICK_S, 0.3);
    // A linear ramp from 0 to 0.5 m/s over 0.1 s covers half of 0.05 m.
    assertThat(p.next().xM()).isCloseTo(1.025, within(1e-9));
    // Turning from rest likewise sweeps half the angle.
    Prediction turn = wide().predict(empty, start, 0, 0, new Motion(0, 2.0, 0.3), TICK_S, 0.3);
    assertThat(turn.next().heading().radians()).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void aTickThatIsNotAMultipleOfTheIntegrationStepStillEndsOnTheTick() {
    WorldModel empty = new WorldModel("e", GridGeometry.covering(0, 0, 4, 4, RES_M), 0);
    Pose2d start = pose(1, 1, 0);
    Prediction p = wide().predict(empty, start, 0.5, 0, new Motion(0.5, 0, 0.3), 0.05, 0.3);
    assertThat(p.next().xM()).isCloseTo(1.025, within(1e-9));
    Prediction shortTick =
        wide().predict(empty, start, 0.5, 0, new Motion(0.5, 0, 0.3), 0.005, 0.3);
    assertThat(shortTick.next().xM()).isCloseTo(1.0025, within(1e-9));
  }

  @Test
  void aStopHoldsStillAndNeverCollides() {
    Prediction p = wide().predict(WALLS, pose(1.9, 1.525, 0), 0.5, 0, Motion.STOPPED, TICK_S, 0.3);
    assertThat(p.collides()).isFalse();
    assertThat(p.next().translation()).isEqualTo(p.from().translation());
  }

  @Test
  void aBeamAtAKnownWallIsForecastExactly() {
    // The robot's centre is 1 m from wall A's face; the sensor sits 0.04 m ahead of it.
    List<BeamForecast> beams = wide().forecast(WALLS, pose(1.0, 1.5, 0));
    assertThat(beams).hasSize(3);
    assertThat(beams.get(0).exact()).isTrue();
    assertThat(beams.get(0).atLeastM()).isCloseTo(1.0 - OFFSET_M, within(RES_M / 4));
  }

  @Test
  void aBeamThroughKnownFreeCellsToItsMaximumIsClearToIt() {
    BeamForecast left = wide().forecast(WALLS, pose(1.0, 1.5, 0)).get(1);
    assertThat(left).isEqualTo(BeamForecast.clearTo(0.5));
  }

  @Test
  void aBeamIntoUnknownCellsIsKnownOnlyUpToThem() {
    // West from x = 0.96: the scans began in the cell holding x = 0.3, so known free to x = 0.25.
    BeamForecast back = wide().forecast(WALLS, pose(1.0, 1.5, 0)).get(2);
    assertThat(back.exact()).isFalse();
    assertThat(back.atLeastM()).isCloseTo(0.96 - 0.25, within(RES_M / 4 + 1e-9));
    assertThat(back.errorM(2.5)).isZero();
  }

  @Test
  void aTickOfZeroIsRefused() {
    assertThatThrownBy(
            () -> wide().predict(WALLS, pose(1, 1, 0), 0, 0, new Motion(0.5, 0, 0.3), 0, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tick");
  }
}
