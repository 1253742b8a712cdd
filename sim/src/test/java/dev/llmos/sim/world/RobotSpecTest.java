package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RobotSpecTest {
  @Test
  void theReferenceRobotIsAnEightCentimetreCubeOnSeventyMillimetreTrack() {
    RobotSpec spec = RobotSpec.reference(8);
    assertThat(spec.bodySizeM()).isEqualTo(0.08);
    assertThat(spec.trackWidthM()).isEqualTo(0.070);
    assertThat(spec.wheelDiameterM()).isEqualTo(0.065);
    assertThat(spec.collisionRadiusM()).isCloseTo(0.05657, within(1e-5));
    assertThat(spec.rangeSensors()).hasSize(8);
    assertThat(spec.lineSensorOffsets()).hasSize(3);
    assertThat(spec.metresPerTick() * spec.ticksPerRevolution())
        .isCloseTo(Math.PI * 0.065, within(1e-12));
  }

  @Test
  void rangeSensorsAreEvenlySpacedStartingForward() {
    List<RangeSensor> sensors = RobotSpec.evenlySpacedRangeSensors(4, 0.02, 2.0);
    assertThat(sensors)
        .extracting(s -> s.angle().degrees())
        .containsExactly(0.0, 90.0, 180.0, 270.0);
    assertThat(sensors).allSatisfy(s -> assertThat(s.maxRangeM()).isEqualTo(2.0));
    assertThat(RobotSpec.evenlySpacedRangeSensors(0, 0.02, 2.0)).isEmpty();
    assertThatThrownBy(() -> RobotSpec.evenlySpacedRangeSensors(-1, 0.02, 2.0))
        .hasMessageContaining("-1");
  }

  @Test
  void aSensorSitsWhereItsDirectionLeavesTheSquareBody() {
    RobotSpec spec = RobotSpec.reference(0);
    assertThat(spec.mountDistanceM(Rotation2d.ZERO)).isCloseTo(0.04, within(1e-12));
    assertThat(spec.mountDistanceM(Rotation2d.ofDegrees(-90))).isCloseTo(0.04, within(1e-12));
    assertThat(spec.mountDistanceM(Rotation2d.ofDegrees(45)))
        .isCloseTo(spec.collisionRadiusM(), within(1e-12));
  }

  @Test
  void capabilitiesDescribeTheBuild() {
    Capabilities caps = RobotSpec.reference(6).capabilities("r1", "sim-1", 0.5, Optional.empty());
    assertThat(caps.robotId()).isEqualTo("r1");
    assertThat(caps.model()).isEqualTo("llmos-reference");
    assertThat(caps.trackWidthM()).isEqualTo(0.070);
    assertThat(caps.maxWheelSpeedMps()).isEqualTo(0.5);
    assertThat(caps.rangeSensors()).hasSize(6);
    assertThat(caps.lineSensorCount()).isEqualTo(3);
  }

  @Test
  void refusesATrackWiderThanTheBody() {
    RobotSpec ref = RobotSpec.reference(0);
    assertThatThrownBy(
            () ->
                new RobotSpec(
                    "wide",
                    0.08,
                    0.1,
                    0.065,
                    360,
                    ref.motor(),
                    List.of(),
                    List.of(),
                    ref.noise(),
                    ref.battery()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("track width 0.1");
  }
}
