package dev.llmos.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.kinematics.ChassisSpeeds;
import dev.llmos.core.kinematics.DifferentialDriveKinematics;
import dev.llmos.core.kinematics.WheelSpeeds;
import org.junit.jupiter.api.Test;

/** Pins ROS REP-103: x forward, y left, angles counter-clockwise positive. */
class FrameConventionTest {
  private static final double EPS = 1e-12;
  private final DifferentialDriveKinematics drive = new DifferentialDriveKinematics(0.070);

  @Test
  void turningLeftIncreasesTheHeading() {
    ChassisSpeeds left = drive.toChassisSpeeds(new WheelSpeeds(0.0, 0.1));
    assertThat(left.omegaRadps()).isPositive();
    Pose2d after = Pose2d.ORIGIN.exp(new Twist2d(0, 0, left.omegaRadps() * 0.5));
    assertThat(after.heading().radians()).isPositive();
  }

  @Test
  void drivingForwardAtHeadingHalfPiIncreasesY() {
    Pose2d start = new Pose2d(1.0, 2.0, Rotation2d.ofRadians(Math.PI / 2));
    Pose2d after = start.exp(new Twist2d(0.5, 0, 0));
    assertThat(after.xM()).isCloseTo(1.0, within(EPS));
    assertThat(after.yM()).isCloseTo(2.5, within(EPS));
  }

  @Test
  void aQuarterCircleToTheLeftEndsForwardAndLeft() {
    double radius = 0.5;
    Pose2d after = Pose2d.ORIGIN.exp(new Twist2d(radius * Math.PI / 2, 0, Math.PI / 2));
    assertThat(after.xM()).isCloseTo(radius, within(EPS));
    assertThat(after.yM()).isCloseTo(radius, within(EPS));
    assertThat(after.heading().radians()).isCloseTo(Math.PI / 2, within(EPS));
  }

  @Test
  void manySmallArcsEqualOneBigArc() {
    Twist2d whole = new Twist2d(1.2, 0, 2.0);
    Pose2d stepped = Pose2d.ORIGIN;
    for (int i = 0; i < 1000; i++) {
      stepped = stepped.exp(whole.times(1.0 / 1000));
    }
    Pose2d once = Pose2d.ORIGIN.exp(whole);
    assertThat(stepped.xM()).isCloseTo(once.xM(), within(1e-9));
    assertThat(stepped.yM()).isCloseTo(once.yM(), within(1e-9));
  }

  @Test
  void logUndoesExp() {
    Pose2d start = new Pose2d(0.3, -0.2, Rotation2d.ofDegrees(30));
    for (Twist2d twist :
        new Twist2d[] {new Twist2d(0.4, 0, 1.1), new Twist2d(0.2, 0, 0), new Twist2d(0, 0, -2.0)}) {
      Twist2d back = start.log(start.exp(twist));
      assertThat(back.dxM()).isCloseTo(twist.dxM(), within(1e-9));
      assertThat(back.dyM()).isCloseTo(twist.dyM(), within(1e-9));
      assertThat(back.dThetaRad()).isCloseTo(twist.dThetaRad(), within(1e-9));
    }
  }

  @Test
  void relativeToAndTransformByAreInverse() {
    Pose2d a = new Pose2d(1, 2, Rotation2d.ofDegrees(40));
    Pose2d b = new Pose2d(-0.5, 0.7, Rotation2d.ofDegrees(-75));
    Pose2d bInA = b.relativeTo(a);
    Pose2d back = a.transformBy(new Transform2d(bInA.translation(), bInA.rotation()));
    assertThat(back.xM()).isCloseTo(b.xM(), within(EPS));
    assertThat(back.yM()).isCloseTo(b.yM(), within(EPS));
    assertThat(back.heading().wrapped().radians())
        .isCloseTo(b.heading().wrapped().radians(), within(EPS));
    Transform2d t = new Transform2d(0.3, 0.1, Rotation2d.ofDegrees(20));
    Pose2d there = a.transformBy(t).transformBy(t.inverse());
    assertThat(there.xM()).isCloseTo(a.xM(), within(EPS));
    assertThat(there.yM()).isCloseTo(a.yM(), within(EPS));
  }

  @Test
  void wrapKeepsAnglesInMinusPiToPi() {
    assertThat(Rotation2d.wrap(3 * Math.PI)).isCloseTo(Math.PI, within(EPS));
    assertThat(Rotation2d.wrap(-Math.PI)).isCloseTo(Math.PI, within(EPS));
    assertThat(Rotation2d.wrap(-3 * Math.PI / 2)).isCloseTo(Math.PI / 2, within(EPS));
    assertThat(Rotation2d.ofDegrees(370).wrapped().degrees()).isCloseTo(10, within(1e-9));
  }

  @Test
  void nonFiniteValuesAreRefused() {
    assertThatThrownBy(() -> new Translation2d(Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rotation2d.ofRadians(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DifferentialDriveKinematics(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
