package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimWorldTest {
  private static final Arena ROOM =
      TestArenas.room(
          3,
          3,
          List.of(TestArenas.wall(1.5, 0.8, 1.5, 2.2, 0.01)),
          List.of(),
          List.of(TestArenas.tape(0.3, 0.3, 2.7, 2.7, 0.02)));

  @Test
  void refusesAStepSlowerThanAHundredHertz() {
    ArenaGeometry geometry = ArenaGeometry.of(ROOM);
    assertThatThrownBy(() -> new SimWorld(geometry, 0.011, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100 Hz");
    assertThat(new SimWorld(geometry, 0.01, 1).stepS()).isEqualTo(0.01);
    assertThat(new SimWorld(geometry, 1).stepS()).isEqualTo(0.005);
    assertThatThrownBy(() -> new SimWorld(geometry, 1).run(-1)).hasMessageContaining("-1");
  }

  @Test
  void refusesATakenIdAStartOutsideAndAStartInsideSomething() {
    SimWorld world = TestArenas.world(ROOM, 1);
    RobotSpec spec = RobotSpec.reference(0);
    world.addRobot("a", spec, new Pose2d(0.5, 0.5, Rotation2d.ZERO));
    assertThatThrownBy(() -> world.addRobot("a", spec, new Pose2d(2.5, 0.5, Rotation2d.ZERO)))
        .hasMessageContaining("'a' is already");
    assertThatThrownBy(() -> world.addRobot("b", spec, new Pose2d(3.5, 0.5, Rotation2d.ZERO)))
        .hasMessageContaining("outside arena 'test-room'");
    assertThatThrownBy(() -> world.addRobot("b", spec, new Pose2d(1.5, 1.5, Rotation2d.ZERO)))
        .hasMessageContaining("overlaps a solid of arena 'test-room'");
    assertThatThrownBy(() -> world.addRobot("b", spec, new Pose2d(0.55, 0.5, Rotation2d.ZERO)))
        .hasMessageContaining("overlaps robot 'a'");
    assertThat(world.robots()).extracting(SimBody::id).containsExactly("a");
  }

  @Test
  void findsRobotsById() {
    SimWorld world = TestArenas.world(ROOM, 1);
    SimBody a = world.addRobot("a", RobotSpec.reference(0), new Pose2d(0.5, 0.5, Rotation2d.ZERO));
    assertThat(world.robot("a")).containsSame(a);
    assertThat(world.robot("b")).isEmpty();
  }

  @Test
  void theSameSeedAndCommandsGiveBitIdenticalRuns() {
    List<Telemetry> first = drive(42, List.of("a", "b", "c"));
    List<Telemetry> second = drive(42, List.of("a", "b", "c"));
    assertThat(second).isEqualTo(first);
    assertThat(first).hasSize(3 * 2000);
    assertThat(first).as("the run covers contacts too").anyMatch(Telemetry::bumper);
    assertThat(drive(43, List.of("a", "b", "c"))).isNotEqualTo(first);
  }

  @Test
  void aRobotsNoiseDoesNotDependOnTheOtherRobots() {
    // One forward sensor: robot "a" cannot see "b", which stands behind it.
    RobotSpec spec = RobotSpec.reference(1);
    SimWorld alone = TestArenas.world(TestArenas.room(3, 3), 9);
    SimWorld shared = TestArenas.world(TestArenas.room(3, 3), 9);
    shared.addRobot("b", spec, new Pose2d(0.3, 1.5, Rotation2d.ZERO));
    SimBody a1 = alone.addRobot("a", spec, new Pose2d(1, 1.5, Rotation2d.ZERO));
    SimBody a2 = shared.addRobot("a", spec, new Pose2d(1, 1.5, Rotation2d.ZERO));
    for (int i = 0; i < 50; i++) {
      alone.step();
      shared.step();
      assertThat(a2.telemetry(RobotStatus.IDLE)).isEqualTo(a1.telemetry(RobotStatus.IDLE));
    }
  }

  @Test
  void samplingMoreOftenDoesNotChangeTheMotionOrTheEncoders() {
    SimWorld quiet = TestArenas.world(ROOM, 5);
    SimWorld chatty = TestArenas.world(ROOM, 5);
    SimBody q = quiet.addRobot("r", RobotSpec.reference(8), new Pose2d(0.5, 2.5, Rotation2d.ZERO));
    SimBody c = chatty.addRobot("r", RobotSpec.reference(8), new Pose2d(0.5, 2.5, Rotation2d.ZERO));
    q.setWheelTargets(new WheelSpeeds(0.3, 0.25));
    c.setWheelTargets(new WheelSpeeds(0.3, 0.25));
    for (int i = 0; i < 400; i++) {
      quiet.step();
      chatty.step();
      c.telemetry(RobotStatus.IDLE);
    }
    assertThat(c.pose()).isEqualTo(q.pose());
    assertThat(c.leftTicks()).isEqualTo(q.leftTicks());
    assertThat(c.rightTicks()).isEqualTo(q.rightTicks());
  }

  /** Three robots wandering on seeded random wheel targets for 20 s, sampled every 10 ms. */
  private static List<Telemetry> drive(long seed, List<String> ids) {
    SimWorld world = TestArenas.world(ROOM, seed);
    List<SimBody> robots = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      robots.add(
          world.addRobot(
              ids.get(i),
              RobotSpec.reference(8),
              new Pose2d(0.5 + i * 0.4, 0.5 + i * 0.8, Rotation2d.ofDegrees(40 * i))));
    }
    SplittableRandom commands = new SplittableRandom(7);
    List<Telemetry> samples = new ArrayList<>();
    for (int cycle = 0; cycle < 2000; cycle++) {
      if (cycle % 50 == 0) {
        for (SimBody r : robots) {
          r.setWheelTargets(
              new WheelSpeeds(commands.nextDouble(-0.5, 0.5), commands.nextDouble(-0.5, 0.5)));
        }
      }
      world.step();
      world.step();
      for (SimBody r : robots) {
        samples.add(r.telemetry(new RobotStatus(true, false, false, r.collisions())));
      }
    }
    return samples;
  }
}
