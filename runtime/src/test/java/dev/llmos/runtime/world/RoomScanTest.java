package dev.llmos.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.world.RobotSpec;
import dev.llmos.sim.world.SimBody;
import dev.llmos.sim.world.SimWorld;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The empty 2 m room, scanned by a simulated robot from a grid of poses. */
class RoomScanTest {
  private static final double ROOM_M = 2.0;

  @Test
  void wallsComeOutOccupiedAndTheInteriorFree() {
    RobotSpec spec = RobotSpec.reference(8);
    GridGeometry geometry = GridGeometry.covering(-0.25, -0.25, 2.5, 2.5, 0.05);
    WorldModel world =
        WorldModel.forRobot(
            spec.capabilities("r1", "test", 0.5, Optional.empty()),
            geometry,
            0.06,
            spec.bodySizeM() / 2);
    int scans = 0;
    for (double x = 0.4; x <= 1.6; x += 0.3) {
      for (double y = 0.4; y <= 1.6; y += 0.3) {
        for (int turn = 0; turn < 8; turn++) {
          SimWorld sim = SimWorld.of(ArenaCatalog.loadPackaged("empty-room"), 7 + scans);
          SimBody robot =
              sim.addRobot("r1", spec, new Pose2d(x, y, Rotation2d.ofDegrees(turn * 45.0 / 8)));
          Telemetry sample = robot.telemetry(RobotStatus.IDLE);
          world.integrate(sample);
          scans++;
        }
      }
    }
    int occupiedNearWalls = 0;
    for (int row = 0; row < geometry.heightCells(); row++) {
      for (int col = 0; col < geometry.widthCells(); col++) {
        Translation2d c = geometry.cellCentre(col, row);
        double fromWallM =
            Math.min(
                Math.min(Math.abs(c.xM()), Math.abs(ROOM_M - c.xM())),
                Math.min(Math.abs(c.yM()), Math.abs(ROOM_M - c.yM())));
        boolean inside = c.xM() > 0 && c.xM() < ROOM_M && c.yM() > 0 && c.yM() < ROOM_M;
        CellState state = world.state(col, row);
        if (state == CellState.OCCUPIED) {
          assertThat(fromWallM).as("occupied cell at %s", c).isLessThan(0.1);
          occupiedNearWalls++;
        }
        if (inside && fromWallM > 0.15) {
          assertThat(state).as("interior cell at %s", c).isNotEqualTo(CellState.OCCUPIED);
        }
      }
    }
    // Four walls of 40 cells each; the beams are sparse, so not every wall cell is hit.
    assertThat(occupiedNearWalls).isGreaterThan(60);
    int interior = 0;
    int interiorFree = 0;
    for (int row = 0; row < geometry.heightCells(); row++) {
      for (int col = 0; col < geometry.widthCells(); col++) {
        Translation2d c = geometry.cellCentre(col, row);
        if (c.xM() > 0.3 && c.xM() < 1.7 && c.yM() > 0.3 && c.yM() < 1.7) {
          interior++;
          if (world.state(col, row) == CellState.FREE) {
            interiorFree++;
          }
        }
      }
    }
    assertThat((double) interiorFree / interior).isGreaterThan(0.8);
    assertThat(world.path()).hasSize(25);
    // Outside the walls nothing was seen.
    assertThat(world.stateAt(new Translation2d(-0.2, 1))).isEqualTo(CellState.UNKNOWN);
    assertThat(world.stateAt(new Translation2d(2.2, 1))).isEqualTo(CellState.UNKNOWN);
  }
}
