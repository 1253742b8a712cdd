package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.Cylinder;
import dev.llmos.sim.arena.Rgb;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollisionTest {
  private static final WheelSpeeds FULL_AHEAD = new WheelSpeeds(1, 1);

  @Test
  void drivingAtFullSpeedIntoAWallFromAnyAngleStopsTouchingItAndCountsOnce() {
    for (int k = 0; k < 72; k++) {
      SimWorld world = TestArenas.world(TestArenas.room(1, 1), 3);
      Rotation2d heading = Rotation2d.ofDegrees(5 * k + 0.7);
      SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(0.5, 0.5, heading));
      robot.setWheelTargets(FULL_AHEAD);
      double fastest = 0;
      for (int i = 0; i < 400 && !robot.bumper(); i++) {
        fastest = Math.max(fastest, robot.wheelSpeeds().leftMps());
        world.step();
        assertThat(TestArenas.arenaGapM(world, robot)).as("heading %s", heading).isPositive();
      }
      assertThat(fastest).as("impact at full speed").isEqualTo(0.5);
      assertThat(robot.bumper()).as("heading %s", heading).isTrue();
      assertThat(TestArenas.arenaGapM(world, robot)).isBetween(0.0, SimBody.CONTACT_M);
      assertThat(robot.wheelSpeeds()).isEqualTo(WheelSpeeds.STOPPED);
      assertThat(robot.wheelTargets()).isEqualTo(WheelSpeeds.STOPPED);
      world.run(1.0);
      assertThat(robot.collisions()).as("heading %s", heading).isEqualTo(1);
    }
  }

  @Test
  void noWallIsThinEnoughToPassThroughEvenAtTwentyMetresPerSecondAndAHundredHertz() {
    RobotSpec rocket = TestArenas.exact(0).withMotor(new MotorModel(0, 1e5, 20));
    Arena arena =
        TestArenas.room(
            3, 3, List.of(TestArenas.wall(1.5, 0.3, 1.5, 2.7, 0.01)), List.of(), List.of());
    ArenaGeometry geometry = ArenaGeometry.of(arena);
    for (int k = -8; k <= 8; k++) {
      SimWorld world = new SimWorld(geometry, SimWorld.MAX_STEP_S, 5);
      SimBody robot =
          world.addRobot("r", rocket, new Pose2d(0.8, 1.5, Rotation2d.ofDegrees(k * 9.5)));
      robot.setWheelTargets(new WheelSpeeds(20, 20));
      for (int i = 0; i < 50; i++) {
        world.step();
        assertThat(robot.pose().xM()).as("angle %s", k * 9.5).isLessThan(1.5);
        assertThat(TestArenas.arenaGapM(world, robot)).isPositive();
      }
      assertThat(robot.collisions()).isEqualTo(1);
      assertThat(TestArenas.arenaGapM(world, robot)).isLessThanOrEqualTo(SimBody.CONTACT_M);
    }
  }

  @Test
  void pushingAgainstTheSameWallIsOneCollisionAndBackingAwayReleasesTheBumper() {
    SimWorld world = TestArenas.world(TestArenas.room(1, 1), 3);
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(0.5, 0.5, Rotation2d.ZERO));
    robot.setWheelTargets(FULL_AHEAD);
    world.run(2.0);
    Pose2d atWall = robot.pose();
    robot.setWheelTargets(FULL_AHEAD);
    world.run(1.0);
    assertThat(robot.pose()).isEqualTo(atWall);
    assertThat(robot.collisions()).isEqualTo(1);
    assertThat(robot.bumper()).isTrue();

    robot.setWheelTargets(new WheelSpeeds(-0.1, -0.1));
    world.run(0.2);
    assertThat(robot.pose().xM()).isLessThan(atWall.xM() - SimBody.RELEASE_M);
    assertThat(robot.bumper()).isFalse();

    robot.setWheelTargets(FULL_AHEAD);
    world.run(1.0);
    assertThat(robot.collisions()).isEqualTo(2);
    assertThat(robot.bumper()).isTrue();
  }

  @Test
  void aRobotAgainstAWallCanStillTurnOnTheSpotAndDriveAway() {
    SimWorld world = TestArenas.world(TestArenas.room(2, 2), 3);
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(1, 1, Rotation2d.ZERO));
    robot.setWheelTargets(FULL_AHEAD);
    world.run(3.0);
    assertThat(robot.bumper()).isTrue();
    double xAtWall = robot.pose().xM();
    robot.setWheelTargets(new WheelSpeeds(-0.2, 0.2));
    world.run(0.5);
    assertThat(robot.pose().rotation().radians()).isGreaterThan(2.0);
    assertThat(robot.pose().xM()).isEqualTo(xAtWall);
    robot.setWheelTargets(new WheelSpeeds(0.3, 0.3));
    world.run(0.5);
    assertThat(robot.pose().xM()).isLessThan(xAtWall - 0.05);
    assertThat(robot.bumper()).isFalse();
    assertThat(robot.collisions()).isEqualTo(1);
  }

  @Test
  void aRobotSlidesAlongAWallItTouchesWhenDrivingParallel() {
    SimWorld world = TestArenas.world(TestArenas.room(2, 2), 3);
    double x = 2 - TestArenas.BOUNDARY_FACE_M - RobotSpec.reference(0).collisionRadiusM() - 5e-5;
    SimBody robot =
        world.addRobot("r", TestArenas.exact(0), new Pose2d(x, 0.5, Rotation2d.ofDegrees(90)));
    robot.setWheelTargets(new WheelSpeeds(0.3, 0.3));
    world.run(2.0);
    assertThat(robot.pose().yM()).isGreaterThan(1.0);
    assertThat(robot.collisions()).isZero();
    assertThat(TestArenas.arenaGapM(world, robot)).isPositive();
  }

  @Test
  void twoRobotsMeetingHeadOnBothStopTouchingAndEachCountsOne() {
    SimWorld world = TestArenas.world(TestArenas.room(2, 2), 3);
    SimBody a = world.addRobot("a", TestArenas.exact(0), new Pose2d(0.5, 1, Rotation2d.ZERO));
    SimBody b =
        world.addRobot("b", TestArenas.exact(0), new Pose2d(1.5, 1, Rotation2d.ofDegrees(180)));
    a.setWheelTargets(FULL_AHEAD);
    b.setWheelTargets(FULL_AHEAD);
    double minDistance = Double.POSITIVE_INFINITY;
    double hardestJoltA = 0;
    double hardestJoltB = 0;
    for (int i = 0; i < 600; i++) {
      world.step();
      minDistance =
          Math.min(minDistance, a.pose().translation().distanceTo(b.pose().translation()));
      hardestJoltA = Math.min(hardestJoltA, a.imu().accelXMps2());
      hardestJoltB = Math.min(hardestJoltB, b.imu().accelXMps2());
    }
    // Each robot's accelerometer feels the stop from full speed within one step.
    assertThat(hardestJoltA).isCloseTo(-0.5 / world.stepS(), within(1e-9));
    assertThat(hardestJoltB).isCloseTo(-0.5 / world.stepS(), within(1e-9));
    double touching = 2 * a.spec().collisionRadiusM();
    assertThat(minDistance).isGreaterThan(touching);
    assertThat(a.pose().translation().distanceTo(b.pose().translation()))
        .isCloseTo(touching, within(SimBody.CONTACT_M));
    assertThat(a.collisions()).isEqualTo(1);
    assertThat(b.collisions()).isEqualTo(1);
    assertThat(a.bumper()).isTrue();
    assertThat(b.bumper()).isTrue();
    assertThat(a.pose().xM()).isCloseTo(1 - touching / 2, within(1e-3));
  }

  @Test
  void aStandingRobotThatIsRammedFeelsItToo() {
    SimWorld world = TestArenas.world(TestArenas.room(2, 2), 3);
    SimBody rammer = world.addRobot("a", TestArenas.exact(0), new Pose2d(0.5, 1, Rotation2d.ZERO));
    SimBody standing =
        world.addRobot("b", TestArenas.exact(0), new Pose2d(1.2, 1, Rotation2d.ofDegrees(90)));
    rammer.setWheelTargets(FULL_AHEAD);
    world.run(3.0);
    assertThat(rammer.collisions()).isEqualTo(1);
    assertThat(standing.collisions()).isEqualTo(1);
    assertThat(standing.bumper()).isTrue();
    assertThat(standing.pose()).isEqualTo(new Pose2d(1.2, 1, Rotation2d.ofDegrees(90)));
  }

  @Test
  void cylindersStopARobotToo() {
    Arena arena =
        TestArenas.room(
            2,
            2,
            List.of(),
            List.of(new Cylinder(new Translation2d(1.5, 1), 0.05, 0.2, Rgb.BOX_BROWN)),
            List.of());
    SimWorld world = TestArenas.world(arena, 3);
    SimBody robot =
        world.addRobot("r", TestArenas.exact(0), new Pose2d(0.5, 1.01, Rotation2d.ZERO));
    robot.setWheelTargets(FULL_AHEAD);
    world.run(4.0);
    assertThat(robot.collisions()).isEqualTo(1);
    assertThat(TestArenas.arenaGapM(world, robot)).isBetween(0.0, SimBody.CONTACT_M);
  }
}
