package dev.llmos.core.kinematics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DifferentialDriveKinematicsTest {
  private final DifferentialDriveKinematics drive = new DifferentialDriveKinematics(0.070);

  @Test
  void wheelAndChassisSpeedsRoundTrip() {
    ChassisSpeeds speeds = new ChassisSpeeds(0.2, 1.5);
    WheelSpeeds wheels = drive.toWheelSpeeds(speeds);
    assertThat(wheels.leftMps()).isCloseTo(0.2 - 1.5 * 0.035, within(1e-12));
    assertThat(wheels.rightMps()).isCloseTo(0.2 + 1.5 * 0.035, within(1e-12));
    ChassisSpeeds back = drive.toChassisSpeeds(wheels);
    assertThat(back.vxMps()).isCloseTo(0.2, within(1e-12));
    assertThat(back.omegaRadps()).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void desaturateKeepsTheCurvature() {
    WheelSpeeds fast = new WheelSpeeds(0.2, 0.6);
    WheelSpeeds capped = fast.desaturate(0.3);
    assertThat(capped.rightMps()).isCloseTo(0.3, within(1e-12));
    assertThat(capped.leftMps()).isCloseTo(0.1, within(1e-12));
    assertThat(new WheelSpeeds(0.1, -0.2).desaturate(0.3)).isEqualTo(new WheelSpeeds(0.1, -0.2));
  }

  @Test
  void encoderDistancesGiveTheArc() {
    var twist = drive.toTwist(0.1, 0.1 + 0.070 * Math.PI / 2);
    assertThat(twist.dThetaRad()).isCloseTo(Math.PI / 2, within(1e-12));
  }
}
