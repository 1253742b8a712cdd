package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import org.junit.jupiter.api.Test;

class MotionTest {
  private final SimWorld world = TestArenas.world(TestArenas.room(4, 4), 1);

  @Test
  void aRobotToldToTurnLeftEndsWithALargerHeading() {
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(2, 2, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(0.1, 0.2));
    world.run(1.0);
    assertThat(robot.pose().rotation().radians()).isPositive();
    assertThat(robot.pose().yM()).isGreaterThan(2);
  }

  @Test
  void facingPlusYDrivingForwardIncreasesY() {
    SimBody robot =
        world.addRobot("r", TestArenas.exact(0), new Pose2d(2, 1, Rotation2d.ofDegrees(90)));
    robot.setWheelTargets(new WheelSpeeds(0.3, 0.3));
    world.run(2.0);
    assertThat(robot.pose().yM()).isGreaterThan(1.5);
    assertThat(robot.pose().xM()).isCloseTo(2, within(1e-9));
    assertThat(robot.pose().rotation().radians()).isCloseTo(Math.PI / 2, within(1e-12));
  }

  @Test
  void theMotorsRampThenHoldTheirTopSpeed() {
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(0.2, 2, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(5, 5));
    world.step();
    assertThat(robot.wheelSpeeds().leftMps()).isCloseTo(0.01, within(1e-12));
    world.run(1.0);
    assertThat(robot.wheelSpeeds()).isEqualTo(new WheelSpeeds(0.5, 0.5));
    // Ramp 0.25 s at 2 m/s² covers 0.0625 m, then 0.755 s at 0.5 m/s.
    assertThat(robot.pose().xM() - 0.2).isCloseTo(0.0625 + 0.5 * 0.755, within(1e-9));
  }

  @Test
  void aCommandInsideTheDeadbandDoesNotMoveTheRobot() {
    SimBody robot = world.addRobot("r", TestArenas.exact(0), new Pose2d(2, 2, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(0.015, -0.015));
    world.run(1.0);
    assertThat(robot.pose()).isEqualTo(new Pose2d(2, 2, Rotation2d.ZERO));
  }

  @Test
  void constantWheelSpeedsFollowAnExactCircle() {
    RobotSpec spec = TestArenas.exact(0).withMotor(new MotorModel(0, 1e6, 0.5));
    SimBody robot = world.addRobot("r", spec, new Pose2d(2, 1.5, Rotation2d.ZERO));
    robot.setWheelTargets(new WheelSpeeds(0.1, 0.2));
    world.step();
    Pose2d first = robot.pose();
    double omega = 0.1 / 0.070;
    double radius = 0.15 / omega;
    double theta0 = first.rotation().radians();
    double cx = first.xM() - radius * Math.sin(theta0);
    double cy = first.yM() + radius * Math.cos(theta0);
    int steps = 10_000;
    for (int i = 0; i < steps; i++) {
      world.step();
    }
    double theta = theta0 + omega * steps * world.stepS();
    assertThat(robot.pose().rotation().radians()).isCloseTo(theta, within(1e-9));
    assertThat(robot.pose().xM()).isCloseTo(cx + radius * Math.sin(theta), within(1e-9));
    assertThat(robot.pose().yM()).isCloseTo(cy - radius * Math.cos(theta), within(1e-9));
  }

  @Test
  void timeIsStepsTimesTheStep() {
    world.run(0.5);
    assertThat(world.steps()).isEqualTo(100);
    assertThat(world.timeS()).isEqualTo(100 * 0.005);
  }
}
