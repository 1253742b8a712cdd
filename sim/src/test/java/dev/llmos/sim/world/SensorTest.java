package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.sim.arena.Arena;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorTest {
  /** A 3 m room with a wall whose face is at x = 1.5, a robot's centre 0.5 m before it. */
  private static final Arena WALL_AHEAD =
      TestArenas.room(
          3, 3, List.of(TestArenas.wall(1.51, 0.5, 1.51, 2.5, 0.02)), List.of(), List.of());

  private static final Pose2d HALF_METRE_BEFORE_WALL = new Pose2d(1.0, 1.5, Rotation2d.ZERO);

  @Test
  void aWallHalfAMetreAheadReadsHalfAMetreLessTheBodysFront() {
    SimWorld world = TestArenas.world(WALL_AHEAD, 1);
    SimBody robot = world.addRobot("r", TestArenas.exact(8), HALF_METRE_BEFORE_WALL);
    List<Double> ranges = robot.telemetry(RobotStatus.IDLE).rangesM();
    assertThat(ranges.get(0)).isCloseTo(0.46, within(1e-9));
    // Left (sensor 2 of 8) sees the boundary wall's face at y = 2.99, from the body's side.
    assertThat(ranges.get(2)).isCloseTo(2.99 - 1.5 - 0.04, within(1e-9));
    // Behind: the boundary face at x = 0.01, from the back of the body.
    assertThat(ranges.get(4)).isCloseTo(1.0 - 0.01 - 0.04, within(1e-9));
  }

  @Test
  void noisyRangesStayWithinAFewSigmaOfTheTruth() {
    SimWorld world = TestArenas.world(WALL_AHEAD, 1);
    SimBody robot = world.addRobot("r", RobotSpec.reference(8), HALF_METRE_BEFORE_WALL);
    double sigma = SensorNoise.REFERENCE.rangeSigmaM();
    double sum = 0;
    int n = 400;
    boolean varied = false;
    double first = robot.telemetry(RobotStatus.IDLE).rangesM().get(0);
    for (int i = 0; i < n; i++) {
      double r = robot.telemetry(RobotStatus.IDLE).rangesM().get(0);
      assertThat(r).isCloseTo(0.46, within(5 * sigma));
      varied |= r != first;
      sum += r;
    }
    assertThat(varied).isTrue();
    assertThat(sum / n).isCloseTo(0.46, within(4 * sigma / Math.sqrt(n)));
  }

  @Test
  void nothingWithinRangeReadsTheMaximumAndTouchingReadsTheMinimum() {
    SimWorld world = TestArenas.world(TestArenas.room(6, 6), 1);
    SimBody far =
        world.addRobot("far", RobotSpec.reference(1), new Pose2d(0.5, 2, Rotation2d.ZERO));
    assertThat(far.telemetry(RobotStatus.IDLE).rangesM()).containsExactly(2.0);
    SimBody near =
        world.addRobot(
            "near", RobotSpec.reference(1), new Pose2d(0.5, 4, Rotation2d.ofDegrees(180)));
    near.setWheelTargets(new WheelSpeeds(0.5, 0.5));
    world.run(2.0);
    // Pressed against the wall it faces: nearer than the sensor can measure.
    assertThat(near.bumper()).isTrue();
    assertThat(near.telemetry(RobotStatus.IDLE).rangesM()).containsExactly(0.02);
  }

  @Test
  void distanceSensorsSeeOtherRobots() {
    SimWorld world = TestArenas.world(TestArenas.room(3, 3), 1);
    SimBody a = world.addRobot("a", TestArenas.exact(1), new Pose2d(1, 1.5, Rotation2d.ZERO));
    SimBody b =
        world.addRobot("b", TestArenas.exact(1), new Pose2d(1.5, 1.5, Rotation2d.ofDegrees(30)));
    assertThat(a.telemetry(RobotStatus.IDLE).rangesM().get(0))
        .isCloseTo(0.5 - b.spec().collisionRadiusM() - 0.04, within(1e-9));
  }

  @Test
  void turningLeftReadsAPositiveYawRateAndTheCentripetalPull() {
    SimWorld world = TestArenas.world(TestArenas.room(4, 4), 1);
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(2, 1.5, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(0.1, 0.2));
    world.run(1.0);
    Telemetry t = robot.telemetry(RobotStatus.IDLE);
    double omega = 0.1 / 0.070;
    assertThat(t.imu().yawRateRadps()).isCloseTo(omega, within(1e-9));
    assertThat(t.imu().accelYMps2()).isCloseTo(0.15 * omega, within(1e-9));
    assertThat(t.imu().accelXMps2()).isCloseTo(0, within(1e-9));

    robot.setWheelTargets(new WheelSpeeds(0.2, 0.1));
    world.run(1.0);
    assertThat(robot.telemetry(RobotStatus.IDLE).imu().yawRateRadps()).isNegative();
  }

  @Test
  void accelerationShowsTheMotorRampAndTheJoltOfACollision() {
    SimWorld world = TestArenas.world(TestArenas.room(1, 1), 1);
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(0.5, 0.5, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(0.5, 0.5));
    world.step();
    assertThat(robot.imu().accelXMps2()).isCloseTo(2.0, within(1e-9));
    while (!robot.bumper()) {
      world.step();
    }
    assertThat(robot.imu().accelXMps2()).isCloseTo(-0.5 / world.stepS(), within(1e-9));
  }

  @Test
  void encoderTicksMatchTheDistanceDriven() {
    SimWorld world = TestArenas.world(TestArenas.room(4, 4), 1);
    RobotSpec spec = TestArenas.exact(0);
    SimBody robot = world.addRobot("r", spec, new Pose2d(0.5, 2, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(0.4, 0.4));
    world.run(5.0);
    double driven = robot.pose().xM() - 0.5;
    long expected = (long) Math.floor(driven / spec.metresPerTick());
    assertThat(robot.leftTicks()).isBetween(expected - 1, expected + 1);
    assertThat(robot.rightTicks()).isEqualTo(robot.leftTicks());
    assertThat(expected).isGreaterThan(3000);

    robot.setWheelTargets(new WheelSpeeds(-0.2, 0.2));
    world.run(1.0);
    assertThat(robot.leftTicks()).isLessThan(expected - 100);
    assertThat(robot.rightTicks()).isGreaterThan(expected + 100);
  }

  @Test
  void aSlippingWheelCountsMoreThanTheGroundItCovers() {
    SimWorld world = TestArenas.world(TestArenas.room(4, 4), 1);
    RobotSpec spec = TestArenas.exact(0).withNoise(new SensorNoise(0, 0, 0, 0.05, 0));
    SimBody robot = world.addRobot("r", spec, new Pose2d(0.5, 2, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(0.4, 0.4));
    world.run(5.0);
    double groundTicks = (robot.pose().xM() - 0.5) / spec.metresPerTick();
    assertThat((double) robot.leftTicks()).isBetween(groundTicks * 1.02, groundTicks * 1.06);
    assertThat(robot.rightTicks()).isNotEqualTo(robot.leftTicks());
  }

  @Test
  void lineSensorsReadTapeUnderThem() {
    Arena taped =
        TestArenas.room(
            3, 3, List.of(), List.of(), List.of(TestArenas.tape(1.2, 0.5, 1.2, 2.5, 0.02)));
    SimWorld world = TestArenas.world(taped, 1);
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(1.0, 1.5, Rotation2d.ZERO));
    assertThat(robot.telemetry(RobotStatus.IDLE).lineSensors()).containsExactly(0.0, 0.0, 0.0);
    robot.setWheelTargets(new WheelSpeeds(0.1, 0.1));
    while (robot.telemetry(RobotStatus.IDLE).lineSensors().get(1) < 1) {
      world.step();
    }
    assertThat(robot.telemetry(RobotStatus.IDLE).lineSensors()).containsExactly(1.0, 1.0, 1.0);
    // The sensors sit 35 mm ahead of the centre; the tape's near edge is at x = 1.19.
    assertThat(robot.pose().xM() + 0.035).isCloseTo(1.19, within(0.002));
  }

  @Test
  void theBatteryDrainsFasterWhileDrivingAndSagsUnderLoad() {
    SimWorld world = TestArenas.world(TestArenas.room(4, 4), 1);
    SimBody idle = world.addRobot("idle", TestArenas.exact(0), new Pose2d(1, 1, Rotation2d.ZERO));
    SimBody spinning =
        world.addRobot("spin", TestArenas.exact(0), new Pose2d(3, 3, Rotation2d.ZERO));
    assertThat(idle.battery().voltageV()).isEqualTo(4.2);
    spinning.setWheelTargets(new WheelSpeeds(-0.5, 0.5));
    world.run(60);
    // 0.2 A for a minute from 1000 mAh, and 0.7 A when both motors run flat out.
    assertThat(1 - idle.battery().charge()).isCloseTo(0.2 * 60 / 3600, within(1e-9));
    // Less the first quarter second, when the motors ramp up and draw half on average.
    assertThat(1 - spinning.battery().charge())
        .isCloseTo((0.7 * 60 - 0.5 * 0.25 / 2) / 3600, within(1e-9));
    assertThat(spinning.battery().voltageV()).isLessThan(idle.battery().voltageV() - 0.05);
    assertThat(idle.telemetry(RobotStatus.IDLE).battery()).isEqualTo(idle.battery());
  }

  @Test
  void anEmptyBatteryStopsTheMotors() {
    SimWorld world = TestArenas.world(TestArenas.room(4, 4), 1);
    RobotSpec tiny =
        TestArenas.exact(0).withBattery(new BatteryModel(4.2, 3.3, 0.1, 0.1, 0.2, 0.25));
    SimBody robot = world.addRobot("r", tiny, new Pose2d(2, 2, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(-0.3, 0.3));
    world.run(2.0);
    assertThat(robot.battery().charge()).isZero();
    assertThat(robot.wheelSpeeds()).isEqualTo(WheelSpeeds.STOPPED);
    assertThat(robot.battery().voltageV()).isCloseTo(3.3 - 0.2 * 0.1, within(1e-9));
  }

  @Test
  void telemetryCarriesTheWorldsTimeAndTheGivenStatus() {
    SimWorld world = TestArenas.world(TestArenas.room(4, 4), 1);
    SimBody robot = world.addRobot("r", RobotSpec.reference(8), new Pose2d(2, 2, Rotation2d.ZERO));
    world.run(1.5);
    RobotStatus status = new RobotStatus(true, false, false, robot.collisions());
    Telemetry t = robot.telemetry(status);
    assertThat(t.timeS()).isEqualTo(world.timeS());
    assertThat(t.status()).isEqualTo(status);
    assertThat(t.rangesM()).hasSize(8);
    assertThat(t.lineSensors()).hasSize(3);
    assertThat(t.pose()).isEqualTo(robot.pose());
  }
}
