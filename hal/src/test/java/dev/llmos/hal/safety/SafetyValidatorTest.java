package dev.llmos.hal.safety;

import static dev.llmos.hal.safety.SafetyFixtures.FRONT;
import static dev.llmos.hal.safety.SafetyFixtures.FRONT_LEFT;
import static dev.llmos.hal.safety.SafetyFixtures.LIMITS;
import static dev.llmos.hal.safety.SafetyFixtures.REAR;
import static dev.llmos.hal.safety.SafetyFixtures.clear;
import static dev.llmos.hal.safety.SafetyFixtures.ranges;
import static dev.llmos.hal.safety.SafetyFixtures.robot;
import static dev.llmos.hal.safety.SafetyFixtures.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.core.time.ManualClock;
import dev.llmos.hal.command.CaptureFrame;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.ReadSensors;
import dev.llmos.hal.command.Reset;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyValidatorTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final SafetyValidator validator = new SafetyValidator(LIMITS, robot(), clock);

  private Verdict.Accepted accepted(Command command) {
    Verdict v = validator.check(command);
    assertThat(v).isInstanceOf(Verdict.Accepted.class);
    return (Verdict.Accepted) v;
  }

  private Verdict.Refused refused(Command command) {
    Verdict v = validator.check(command);
    assertThat(v).isInstanceOf(Verdict.Refused.class);
    return (Verdict.Refused) v;
  }

  private static List<SafetyRule> rules(Verdict.Accepted a) {
    return a.adjustments().stream().map(Adjustment::rule).toList();
  }

  // --- schema and range ---

  @Test
  void stopAndEmergencyStopAreAlwaysAcceptedUnchanged() {
    // No telemetry at all, then latched, then in front of a wall: they still pass.
    assertThat(accepted(new Stop()).adjustments()).isEmpty();
    assertThat(accepted(new EmergencyStop()).command()).isEqualTo(new EmergencyStop());
    validator.observe(telemetry(ranges(0.0), true, true));
    assertThat(accepted(new Stop()).command()).isEqualTo(new Stop());
    assertThat(accepted(new EmergencyStop()).adjustments()).isEmpty();
  }

  @Test
  void aTooLongDurationIsCutNotRefused() {
    validator.observe(clear());

    Verdict.Accepted a = accepted(new DriveWheels(new WheelSpeeds(0.1, 0.1), 60));

    assertThat(a.command()).isEqualTo(new DriveWheels(new WheelSpeeds(0.1, 0.1), 5.0));
    assertThat(rules(a)).containsExactly(SafetyRule.COMMAND_DURATION);
    assertThat(a.adjustments().get(0).reason())
        .isEqualTo("duration 60 s cut to safety.max_command_duration_s 5 s");
  }

  @Test
  void aDurationThatIsNotPositiveIsRefused() {
    validator.observe(clear());

    Verdict.Refused r = refused(new Twist(0.1, 0, 0));

    assertThat(r.rule()).isEqualTo(SafetyRule.SCHEMA);
    assertThat(r.reason()).isEqualTo("a motion's duration must be positive, got 0.0 s");
    assertThat(refused(new DriveWheels(new WheelSpeeds(0.1, 0.1), -1)).rule())
        .isEqualTo(SafetyRule.SCHEMA);
  }

  @Test
  void anAcceptableCommandPassesUnchanged() {
    validator.observe(clear());
    Command drive = new DriveWheels(new WheelSpeeds(0.2, 0.25), 1.5);

    Verdict.Accepted a = accepted(drive);

    assertThat(a.command()).isSameAs(drive);
    assertThat(a.adjustments()).isEmpty();
  }

  @Test
  void wheelSpeedsAreScaledDownKeepingTheCurve() {
    validator.observe(clear());

    Verdict.Accepted a = accepted(new DriveWheels(new WheelSpeeds(0.6, 0.45), 1));

    WheelSpeeds w = ((DriveWheels) a.command()).speeds();
    assertThat(w.leftMps()).isCloseTo(0.3, within(1e-12));
    assertThat(w.rightMps()).isCloseTo(0.225, within(1e-12));
    assertThat(rules(a)).containsExactly(SafetyRule.WHEEL_SPEED);
    assertThat(a.adjustments().get(0).reason())
        .isEqualTo(
            "wheel speed 0.6 m/s is above safety.max_wheel_speed_mps 0.3 m/s;"
                + " scaled down keeping the curve");
  }

  @Test
  void theRobotsOwnLowerTopSpeedIsTheLimit() {
    SafetyValidator slow = new SafetyValidator(LIMITS, robot(0.2), clock);
    slow.observe(clear());

    Verdict.Accepted a = (Verdict.Accepted) slow.check(new Twist(0.3, 0, 1));

    assertThat(((Twist) a.command()).speeds().vxMps()).isCloseTo(0.2, within(1e-12));
    assertThat(a.adjustments().get(0).reason()).contains("the robot's top speed 0.2 m/s");
  }

  @Test
  void twistsAreLimitedThroughTheKinematics() {
    validator.observe(clear());

    // 0.3 m/s forward plus 4 rad/s: the outer wheel would need 0.3 + 4 * 0.035 = 0.44 m/s.
    Twist t = (Twist) accepted(new Twist(0.3, 4, 1)).command();

    double k = 0.3 / 0.44;
    assertThat(t.speeds().vxMps()).isCloseTo(0.3 * k, within(1e-12));
    assertThat(t.speeds().omegaRadps()).isCloseTo(4 * k, within(1e-12));
  }

  @Test
  void turnsFasterThanTheTurnRateLimitAreScaledDown() {
    validator.observe(clear());

    // Spinning with both wheels at 0.3 m/s is 8.6 rad/s on a 70 mm track.
    Verdict.Accepted a = accepted(new DriveWheels(new WheelSpeeds(-0.3, 0.3), 1));
    Verdict.Accepted b = accepted(new Twist(0, -10, 1));

    WheelSpeeds w = ((DriveWheels) a.command()).speeds();
    assertThat((w.rightMps() - w.leftMps()) / 0.07).isCloseTo(4.0, within(1e-9));
    assertThat(rules(a)).containsExactly(SafetyRule.TURN_RATE);
    assertThat(((Twist) b.command()).speeds().omegaRadps()).isCloseTo(-4.0, within(1e-12));
  }

  @Test
  void aMoveNeedsAPositiveSpeedAndADistance() {
    validator.observe(clear());

    assertThat(refused(new MoveDistance(0.5, -0.1)).reason())
        .isEqualTo(
            "a move's speed must be positive (the distance's sign gives the direction),"
                + " got -0.1 m/s");
    assertThat(refused(new MoveDistance(0, 0.1)).rule()).isEqualTo(SafetyRule.SCHEMA);
  }

  @Test
  void aMoveIsClampedAndCutToWhatFitsInTheLongestCommand() {
    validator.observe(clear());

    Verdict.Accepted fast = accepted(new MoveDistance(0.5, 2.0));
    Verdict.Accepted far = accepted(new MoveDistance(-1.0, 0.1));

    assertThat(fast.command()).isEqualTo(new MoveDistance(0.5, 0.3));
    assertThat(rules(fast)).containsExactly(SafetyRule.WHEEL_SPEED);
    MoveDistance cut = (MoveDistance) far.command();
    assertThat(cut.distanceM()).isCloseTo(-0.5, within(1e-12));
    assertThat(rules(far)).containsExactly(SafetyRule.COMMAND_DURATION);
  }

  @Test
  void aRotationNeedsAPositiveRateAndAtMostOneTurn() {
    validator.observe(clear());

    assertThat(refused(new Rotate(1, 0)).rule()).isEqualTo(SafetyRule.SCHEMA);
    assertThat(refused(new Rotate(0, 1)).rule()).isEqualTo(SafetyRule.SCHEMA);
    assertThat(refused(new Rotate(7, 1)).reason())
        .isEqualTo(
            "a rotation of 7.0 rad is more than one full turn (2π); send one rotation per turn");
  }

  @Test
  void aRotationsRateIsClampedAndItsAngleCut() {
    validator.observe(clear());

    Verdict.Accepted fast = accepted(new Rotate(-Math.PI, 20));
    Verdict.Accepted slow = accepted(new Rotate(3, 0.5));

    assertThat(fast.command()).isEqualTo(new Rotate(-Math.PI, 4.0));
    assertThat(rules(fast)).containsExactly(SafetyRule.TURN_RATE);
    assertThat(((Rotate) slow.command()).angleRad()).isCloseTo(2.5, within(1e-12));
    assertThat(rules(slow)).containsExactly(SafetyRule.COMMAND_DURATION);
  }

  @Test
  void ledChannelsMustBeBytes() {
    assertThat(refused(new SetLed(0, 256, 0)).reason())
        .isEqualTo("LED channel green must be 0 to 255, got 256");
    assertThat(refused(new SetLed(-1, 0, 0)).rule()).isEqualTo(SafetyRule.SCHEMA);
    assertThat(accepted(new SetLed(255, 0, 128)).adjustments()).isEmpty();
  }

  @Test
  void commandsThatDoNotMoveNeedNoSensorData() {
    assertThat(accepted(new CaptureFrame()).command()).isEqualTo(new CaptureFrame());
    assertThat(accepted(new ReadSensors()).command()).isEqualTo(new ReadSensors());
  }

  // --- context ---

  @Test
  void motionWithoutTelemetryIsRefused() {
    Verdict.Refused r = refused(new Twist(0.1, 0, 1));

    assertThat(r.rule()).isEqualTo(SafetyRule.SENSOR_DATA);
    assertThat(r.reason()).isEqualTo("no sensor data from the robot yet; wait for telemetry");
  }

  @Test
  void telemetryOlderThanTheWatchdogTimeoutIsNotEnough() {
    validator.observe(clear());
    clock.advance(Duration.ofMillis(500));
    accepted(new Twist(0.1, 0, 1));

    clock.advance(Duration.ofMillis(1));
    Verdict.Refused r = refused(new Twist(0.1, 0, 1));

    assertThat(r.rule()).isEqualTo(SafetyRule.SENSOR_DATA);
    assertThat(r.reason())
        .isEqualTo(
            "no fresh sensor data: the latest telemetry is 0.501 s old, older than the"
                + " watchdog timeout 0.5 s; wait for telemetry");
  }

  @Test
  void telemetryThatDoesNotMatchTheSensorsIsRefused() {
    validator.observe(telemetry(List.of(1.0, 1.0), false, false));

    assertThat(refused(new Twist(0.1, 0, 1)).rule()).isEqualTo(SafetyRule.SENSOR_DATA);
  }

  @Test
  void noMotionTowardsAnObstacleWithinTheEmergencyDistance() {
    validator.observe(telemetry(ranges(2.0, FRONT_LEFT, 0.04), false, false));

    Verdict.Refused r = refused(new Twist(0.1, 0.5, 1));

    assertThat(r.rule()).isEqualTo(SafetyRule.OBSTACLE);
    assertThat(r.reason())
        .isEqualTo(
            "an obstacle 0.04 m ahead is within safety.emergency_stop_distance_m 0.05 m;"
                + " only moving away or turning in place is allowed");
    assertThat(refused(new MoveDistance(0.1, 0.1)).rule()).isEqualTo(SafetyRule.OBSTACLE);
  }

  @Test
  void movingAwayFromANearObstacleStaysAllowed() {
    validator.observe(telemetry(ranges(2.0, FRONT, 0.02), false, false));

    assertThat(accepted(new Twist(-0.1, 0, 1)).adjustments()).isEmpty();
    assertThat(accepted(new Rotate(1.0, 2.0)).adjustments()).isEmpty();
    assertThat(accepted(new DriveWheels(new WheelSpeeds(-0.1, 0.1), 1)).adjustments()).isEmpty();
  }

  @Test
  void backingUpIsRefusedWhenTheRearSensorSeesAnObstacle() {
    validator.observe(telemetry(ranges(2.0, REAR, 0.03), false, false));

    assertThat(refused(new MoveDistance(-0.1, 0.1)).reason()).contains("0.03 m behind");
    assertThat(accepted(new Twist(0.1, 0, 1)).adjustments()).isEmpty();
  }

  @Test
  void aReadingThatIsNotANumberCountsAsContact() {
    validator.observe(telemetry(ranges(2.0, FRONT, Double.NaN), false, false));

    assertThat(refused(new Twist(0.1, 0, 1)).reason()).contains("an obstacle 0 m ahead");
  }

  @Test
  void aPressedBumperRefusesForwardMotionOnly() {
    validator.observe(telemetry(ranges(2.0), true, false));

    Verdict.Refused r = refused(new DriveWheels(new WheelSpeeds(0.1, 0.2), 1));

    assertThat(r.rule()).isEqualTo(SafetyRule.BUMPER);
    assertThat(accepted(new Twist(-0.1, 0, 1)).adjustments()).isEmpty();
    assertThat(accepted(new Rotate(-1, 1)).adjustments()).isEmpty();
  }

  @Test
  void speedTowardsAnObstacleFallsLinearlyInsideTheSlowDownDistance() {
    // 0.175 m is halfway between the slow-down (0.30) and emergency (0.05) distances.
    validator.observe(telemetry(ranges(2.0, FRONT, 0.175), false, false));

    Verdict.Accepted a = accepted(new Twist(0.25, 1.0, 1));

    Twist t = (Twist) a.command();
    assertThat(t.speeds().vxMps()).isCloseTo(0.15, within(1e-12));
    assertThat(t.speeds().omegaRadps()).isEqualTo(1.0);
    assertThat(rules(a)).containsExactly(SafetyRule.SLOW_DOWN);
    assertThat(a.adjustments().get(0).reason())
        .isEqualTo(
            "an obstacle 0.175 m ahead is inside safety.slow_down_distance_m 0.3 m;"
                + " speed cut from 0.25 to 0.15 m/s");
  }

  @Test
  void aSlowedMoveIsCutToWhatItCoversInTheLongestCommand() {
    validator.observe(telemetry(ranges(2.0, FRONT, 0.10), false, false));

    MoveDistance m = (MoveDistance) accepted(new MoveDistance(1.0, 0.3)).command();

    // cap = 0.3 * (0.10 - 0.05) / 0.25 = 0.06 m/s; in 5 s that covers 0.3 m.
    assertThat(m.speedMps()).isCloseTo(0.06, within(1e-12));
    assertThat(m.distanceM()).isCloseTo(0.3, within(1e-12));
  }

  // --- sequence ---

  @Test
  void moreReversalsThanAllowedWithinTheWindowAreOscillation() {
    validator.observe(clear());
    accepted(new Twist(0.1, 0, 1));
    for (int i = 1; i <= 4; i++) {
      clock.advance(Duration.ofMillis(100));
      accepted(new Twist(i % 2 == 1 ? -0.1 : 0.1, 0, 1));
    }
    clock.advance(Duration.ofMillis(100));

    Verdict.Refused r = refused(new Twist(-0.1, 0, 1));

    assertThat(r.rule()).isEqualTo(SafetyRule.OSCILLATION);
    assertThat(r.reason())
        .isEqualTo(
            "this would be reversal 5 of drive or turn direction within"
                + " safety.oscillation_window_s 2 s (at most safety.max_direction_reversals 4);"
                + " the robot is oscillating: stop first or wait 1.6 s");
    // Going on the same way is no reversal.
    accepted(new Twist(0.1, 0, 1));
  }

  @Test
  void turnDirectionReversalsCountToo() {
    validator.observe(clear());
    accepted(new Rotate(0.5, 2));
    for (int i = 1; i <= 4; i++) {
      accepted(new Rotate(i % 2 == 1 ? -0.5 : 0.5, 2));
    }

    assertThat(refused(new Twist(0, -1, 1)).rule()).isEqualTo(SafetyRule.OSCILLATION);
    // A straight drive has no turn direction, so it is no reversal.
    accepted(new Twist(0.1, 0, 1));
  }

  @Test
  void aStopEndsTheOscillation() {
    validator.observe(clear());
    for (int i = 0; i <= 4; i++) {
      accepted(new Twist(i % 2 == 0 ? 0.1 : -0.1, 0, 1));
    }
    refused(new Twist(-0.1, 0, 1));

    accepted(new Stop());

    accepted(new Twist(-0.1, 0, 1));
  }

  @Test
  void reversalsOlderThanTheWindowNoLongerCount() {
    for (int i = 0; i <= 4; i++) {
      validator.observe(clear());
      accepted(new Twist(i % 2 == 0 ? 0.1 : -0.1, 0, 1));
      clock.advance(Duration.ofMillis(100));
    }
    validator.observe(clear());
    refused(new Twist(-0.1, 0, 1));

    // The first reversal was at 0.1 s; at 2.1 s it has left the window.
    clock.advance(Duration.ofMillis(1600));
    validator.observe(clear());

    accepted(new Twist(-0.1, 0, 1));
  }

  // --- latch ---

  @Test
  void anEmergencyStopLatchesUntilReset() {
    validator.observe(clear());
    accepted(new EmergencyStop());

    Verdict.Refused r = refused(new Twist(0.1, 0, 1));

    assertThat(r.rule()).isEqualTo(SafetyRule.EMERGENCY_LATCH);
    assertThat(r.reason()).isEqualTo("an emergency stop is latched; send reset before moving");
    assertThat(validator.latched()).isTrue();
    assertThat(accepted(new SetLed(255, 0, 0)).adjustments()).isEmpty();
    assertThat(accepted(new Stop()).command()).isEqualTo(new Stop());

    assertThat(accepted(new Reset()).command()).isEqualTo(new Reset());

    assertThat(validator.latched()).isFalse();
    accepted(new Twist(0.1, 0, 1));
  }

  @Test
  void aLatchTheRobotReportsHoldsUntilItsTelemetrySaysCleared() {
    validator.observe(telemetry(ranges(2.0), false, true));

    assertThat(refused(new Twist(0.1, 0, 1)).reason()).contains("the robot reports");
    accepted(new Reset());
    refused(new Twist(0.1, 0, 1));

    validator.observe(clear());

    accepted(new Twist(0.1, 0, 1));
  }
}
