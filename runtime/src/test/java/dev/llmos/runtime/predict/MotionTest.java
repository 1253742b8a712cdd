package dev.llmos.runtime.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import org.junit.jupiter.api.Test;

class MotionTest {
  private static final double TRACK_M = 0.2;

  @Test
  void aTwistHoldsItsSpeedsForItsDuration() {
    Motion m = Motion.of(new Twist(0.3, -0.5, 0.4), TRACK_M).orElseThrow();
    assertThat(m).isEqualTo(new Motion(0.3, -0.5, 0.4));
    assertThat(m.translates()).isTrue();
  }

  @Test
  void aRotateTurnsInPlaceForAngleOverRateTheWayTheAngleSays() {
    Motion left = Motion.of(new Rotate(Math.PI / 2, 1.0), TRACK_M).orElseThrow();
    assertThat(left.vMps()).isZero();
    assertThat(left.omegaRadps()).isEqualTo(1.0);
    assertThat(left.durationS()).isCloseTo(Math.PI / 2, within(1e-12));
    assertThat(left.translates()).isFalse();

    // The sign of the angle, not of the rate, says which way.
    Motion right = Motion.of(new Rotate(-Math.PI, -2.0), TRACK_M).orElseThrow();
    assertThat(right.omegaRadps()).isEqualTo(-2.0);
    assertThat(right.durationS()).isCloseTo(Math.PI / 2, within(1e-12));
  }

  @Test
  void aRotateAtZeroRateDoesNotMove() {
    assertThat(Motion.of(new Rotate(1.0, 0), TRACK_M)).contains(Motion.STOPPED);
  }

  @Test
  void aMoveDistanceBackwardsDrivesBackAtItsSpeed() {
    Motion m = Motion.of(new MoveDistance(-0.5, 0.25), TRACK_M).orElseThrow();
    assertThat(m.vMps()).isEqualTo(-0.25);
    assertThat(m.omegaRadps()).isZero();
    assertThat(m.durationS()).isCloseTo(2.0, within(1e-12));
    assertThat(m.translates()).isTrue();
  }

  @Test
  void wheelSpeedsBecomeForwardSpeedAndTurnRateThroughTheTrackWidth() {
    Motion m = Motion.of(new DriveWheels(new WheelSpeeds(0.1, 0.3), 0.5), TRACK_M).orElseThrow();
    assertThat(m.vMps()).isCloseTo(0.2, within(1e-12));
    // (right - left) / track: 0.2 / 0.2 m, counter-clockwise.
    assertThat(m.omegaRadps()).isCloseTo(1.0, within(1e-12));
    assertThat(m.durationS()).isEqualTo(0.5);
  }

  @Test
  void stopsAreStoppedAndNegativeDurationsHoldNothing() {
    assertThat(Motion.of(new Stop(), TRACK_M)).contains(Motion.STOPPED);
    assertThat(Motion.of(new EmergencyStop(), TRACK_M)).contains(Motion.STOPPED);
    Motion none = Motion.of(new Twist(0.3, 0, -1), TRACK_M).orElseThrow();
    assertThat(none.durationS()).isZero();
    assertThat(none.translates()).isFalse();
  }

  @Test
  void commandsThatDoNotDriveHaveNoMotion() {
    assertThat(Motion.of(new SetLed(255, 0, 0), TRACK_M)).isEmpty();
  }
}
