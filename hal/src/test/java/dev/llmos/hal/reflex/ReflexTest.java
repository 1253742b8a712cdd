package dev.llmos.hal.reflex;

import static dev.llmos.hal.safety.SafetyFixtures.FRONT;
import static dev.llmos.hal.safety.SafetyFixtures.LIMITS;
import static dev.llmos.hal.safety.SafetyFixtures.TICKS_PER_REVOLUTION;
import static dev.llmos.hal.safety.SafetyFixtures.TRACK_WIDTH_M;
import static dev.llmos.hal.safety.SafetyFixtures.WHEEL_DIAMETER_M;
import static dev.llmos.hal.safety.SafetyFixtures.ranges;
import static dev.llmos.hal.safety.SafetyFixtures.robot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.Reset;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.safety.SafetyRule;
import dev.llmos.hal.safety.Verdict;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.RobotStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReflexTest {
  private static final double CYCLE_S = 0.01;
  private static final double METRES_PER_TICK = Math.PI * WHEEL_DIAMETER_M / TICKS_PER_REVOLUTION;
  private static final DriveWheels FORWARD = new DriveWheels(new WheelSpeeds(0.2, 0.2), 5);

  private final Reflex reflex = new Reflex(LIMITS, robot());
  private final Bench bench = new Bench();

  /**
   * A robot on a bench: each cycle it applies the reflex's wheel speeds to its encoders and walls.
   */
  private final class Bench {
    double nowS;
    double leftM;
    double rightM;
    double frontM = 2.0;
    boolean bumper;
    WheelSpeeds wheels = WheelSpeeds.STOPPED;
    final List<RobotEvent> events = new ArrayList<>();

    SensorReadings readings() {
      return new SensorReadings(
          ranges(2.0, FRONT, frontM),
          bumper,
          (long) Math.floor(leftM / METRES_PER_TICK),
          (long) Math.floor(rightM / METRES_PER_TICK));
    }

    void cycle() {
      ReflexOutput out = reflex.tick(nowS, readings());
      wheels = out.wheels();
      events.addAll(out.events());
      leftM += wheels.leftMps() * CYCLE_S;
      rightM += wheels.rightMps() * CYCLE_S;
      frontM -= (wheels.leftMps() + wheels.rightMps()) / 2 * CYCLE_S;
      nowS += CYCLE_S;
    }

    /** Runs control cycles for {@code seconds}, a heartbeat every {@code heartbeatS} (0: none). */
    void run(double seconds, double heartbeatS) {
      double end = nowS + seconds - CYCLE_S / 2;
      double nextBeat = nowS + heartbeatS;
      while (nowS < end) {
        if (heartbeatS > 0 && nowS >= nextBeat) {
          reflex.onHostFrame(nowS);
          nextBeat += heartbeatS;
        }
        cycle();
      }
    }

    Verdict send(Command command) {
      return reflex.onCommand(command, nowS);
    }

    List<RobotEvent.Kind> kinds() {
      return events.stream().map(RobotEvent::kind).toList();
    }
  }

  @Test
  void theWatchdogStopsTheMotorsWithinTheTimeoutPlusOneCycle() {
    bench.cycle();
    double sentAt = bench.nowS;
    assertThat(bench.send(FORWARD).accepted()).isTrue();

    double stoppedAt = Double.NaN;
    while (bench.nowS < 2.0) {
      bench.cycle();
      if (Double.isNaN(stoppedAt) && bench.wheels.equals(WheelSpeeds.STOPPED)) {
        stoppedAt = bench.nowS - CYCLE_S;
      }
    }

    assertThat(stoppedAt - sentAt).isBetween(0.5 - 1e-9, 0.5 + CYCLE_S + 1e-9);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.WATCHDOG_STOP);
    assertThat(bench.events.get(0).message()).contains("stopped drive-wheels");
    assertThat(reflex.status(0)).isEqualTo(new RobotStatus(false, false, true, 0));
  }

  @Test
  void heartbeatsKeepTheRobotGoing() {
    bench.cycle();
    bench.send(FORWARD);

    bench.run(3.0, 0.1);

    assertThat(bench.wheels).isEqualTo(new WheelSpeeds(0.2, 0.2));
    assertThat(bench.events).isEmpty();
    assertThat(reflex.status(0).moving()).isTrue();
  }

  @Test
  void afterAWatchdogStopHeartbeatsAloneDoNotMoveTheRobot() {
    bench.cycle();
    bench.send(FORWARD);
    bench.run(1.0, 0);

    bench.run(1.0, 0.1);

    assertThat(bench.wheels).isEqualTo(WheelSpeeds.STOPPED);
    assertThat(reflex.status(0).watchdogTripped()).isTrue();

    assertThat(bench.send(FORWARD).accepted()).isTrue();
    bench.run(0.5, 0.1);

    assertThat(bench.wheels).isEqualTo(new WheelSpeeds(0.2, 0.2));
    assertThat(reflex.status(0)).isEqualTo(new RobotStatus(true, false, false, 0));
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.WATCHDOG_STOP);
  }

  @Test
  void theReflexSlowsDownTowardsAWallAndNeverEntersTheEmergencyDistance() {
    bench.frontM = 0.6;
    bench.cycle();
    bench.send(FORWARD);

    double speedAtSafeDistance = Double.NaN;
    double nearest = bench.frontM;
    bench.cycle();
    while (reflex.status(0).moving()) {
      if (Double.isNaN(speedAtSafeDistance) && bench.frontM <= LIMITS.minSafeDistanceM()) {
        speedAtSafeDistance = bench.wheels.leftMps();
      }
      nearest = Math.min(nearest, bench.frontM);
      reflex.onHostFrame(bench.nowS);
      bench.cycle();
    }

    // Linear slow-down: 0.3 * (0.15 - 0.05) / (0.30 - 0.05) = 0.12 m/s at the safe distance.
    assertThat(speedAtSafeDistance).isCloseTo(0.12, within(0.005));
    // The cap falls to zero at the emergency distance, so the robot creeps up to it and no further.
    assertThat(nearest).isGreaterThan(LIMITS.emergencyStopDistanceM()).isLessThan(0.06);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.COMMAND_DONE);
  }

  @Test
  void anObstacleWithinTheEmergencyDistanceCutsTheMotorsAndOnlyMovingAwayIsAccepted() {
    bench.cycle();
    bench.send(FORWARD);
    bench.run(0.2, 0.1);
    assertThat(bench.wheels.leftMps()).isPositive();

    bench.frontM = 0.04;
    bench.cycle();

    assertThat(bench.wheels).isEqualTo(WheelSpeeds.STOPPED);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.REFLEX_STOP);
    assertThat(bench.events.get(0).message())
        .startsWith("stopped drive-wheels")
        .contains("within safety.emergency_stop_distance_m");
    Verdict again = bench.send(FORWARD);
    assertThat(again).isInstanceOf(Verdict.Refused.class);
    assertThat(((Verdict.Refused) again).rule()).isEqualTo(SafetyRule.OBSTACLE);
    assertThat(bench.send(new Twist(-0.1, 0, 1)).accepted()).isTrue();
    assertThat(bench.send(new Rotate(1, 1)).accepted()).isTrue();
  }

  @Test
  void aPressedBumperCutsForwardMotion() {
    bench.cycle();
    bench.send(FORWARD);
    reflex.onHostFrame(bench.nowS);
    bench.cycle();
    assertThat(bench.wheels.leftMps()).isPositive();

    bench.bumper = true;
    bench.cycle();

    assertThat(bench.wheels).isEqualTo(WheelSpeeds.STOPPED);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.REFLEX_STOP);
    assertThat(bench.send(FORWARD).accepted()).isFalse();
    assertThat(bench.send(new Twist(-0.1, 0, 1)).accepted()).isTrue();
  }

  @Test
  void anEmergencyStopLatchesUntilReset() {
    bench.cycle();
    bench.send(FORWARD);
    bench.cycle();

    assertThat(bench.send(new EmergencyStop()).accepted()).isTrue();
    bench.cycle();

    assertThat(bench.wheels).isEqualTo(WheelSpeeds.STOPPED);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.EMERGENCY_STOP);
    assertThat(reflex.status(2)).isEqualTo(new RobotStatus(false, true, false, 2));
    Verdict refused = bench.send(FORWARD);
    assertThat(((Verdict.Refused) refused).rule()).isEqualTo(SafetyRule.EMERGENCY_LATCH);
    assertThat(bench.send(new SetLed(255, 0, 0)).accepted()).isTrue();

    assertThat(bench.send(new Reset()).accepted()).isTrue();
    bench.cycle();
    assertThat(bench.wheels).isEqualTo(WheelSpeeds.STOPPED);

    assertThat(bench.send(FORWARD).accepted()).isTrue();
    bench.cycle();
    assertThat(bench.wheels).isEqualTo(new WheelSpeeds(0.2, 0.2));
  }

  @Test
  void aMoveEndsWhenTheEncodersHaveCoveredItsDistance() {
    bench.cycle();
    assertThat(bench.send(new MoveDistance(0.25, 0.2)).accepted()).isTrue();

    bench.run(3.0, 0.1);

    double travelled = (bench.leftM + bench.rightM) / 2;
    // At most one cycle (2 mm) and one encoder tick past the target.
    assertThat(travelled).isBetween(0.25, 0.25 + 0.2 * CYCLE_S + METRES_PER_TICK);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.COMMAND_DONE);
    assertThat(bench.events.get(0).message()).isEqualTo("move 0.250 m at 0.200 m/s: reached");
    assertThat(reflex.status(0).moving()).isFalse();
  }

  @Test
  void aMoveBackwardsCountsDistanceBackwards() {
    bench.cycle();
    bench.send(new MoveDistance(-0.1, 0.1));

    bench.run(3.0, 0.1);

    assertThat((bench.leftM + bench.rightM) / 2).isBetween(-0.1 - 0.002, -0.1);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.COMMAND_DONE);
  }

  @Test
  void aRotationEndsWhenTheEncodersHaveTurnedItsAngle() {
    bench.cycle();
    bench.send(new Rotate(-Math.PI / 2, 2.0));

    bench.run(3.0, 0.1);

    double turned = (bench.rightM - bench.leftM) / TRACK_WIDTH_M;
    assertThat(turned).isBetween(-Math.PI / 2 - 0.05, -Math.PI / 2);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.COMMAND_DONE);
  }

  @Test
  void aTimedCommandStopsWhenItsDurationIsUp() {
    bench.cycle();
    double start = bench.nowS;
    bench.send(new Twist(0.1, 0.5, 1.0));

    double stoppedAt = Double.NaN;
    while (bench.nowS < start + 2) {
      reflex.onHostFrame(bench.nowS);
      bench.cycle();
      if (Double.isNaN(stoppedAt) && bench.wheels.equals(WheelSpeeds.STOPPED)) {
        stoppedAt = bench.nowS - CYCLE_S;
      }
    }

    assertThat(stoppedAt - start).isBetween(1.0 - 1e-9, 1.0 + CYCLE_S + 1e-9);
    assertThat(bench.kinds()).containsExactly(RobotEvent.Kind.COMMAND_DONE);
    assertThat(bench.events.get(0).message()).endsWith(": time is up");
  }

  @Test
  void aStopEndsMotionAtOnceWithoutAnEvent() {
    bench.cycle();
    bench.send(FORWARD);
    bench.cycle();

    assertThat(bench.send(new Stop()).accepted()).isTrue();
    bench.cycle();

    assertThat(bench.wheels).isEqualTo(WheelSpeeds.STOPPED);
    assertThat(bench.events).isEmpty();
  }

  @Test
  void theReflexChecksCommandsItselfWithTheSameRules() {
    Verdict beforeAnyReading = bench.send(FORWARD);
    assertThat(((Verdict.Refused) beforeAnyReading).rule()).isEqualTo(SafetyRule.SENSOR_DATA);
    bench.cycle();

    Verdict fast = bench.send(new DriveWheels(new WheelSpeeds(1.0, 0.5), 60));
    Verdict led = bench.send(new SetLed(0, 0, 300));

    assertThat(((Verdict.Accepted) fast).command())
        .isEqualTo(new DriveWheels(new WheelSpeeds(0.3, 0.15), 5));
    assertThat(((Verdict.Refused) led).rule()).isEqualTo(SafetyRule.SCHEMA);
    reflex.onHostFrame(bench.nowS);
    bench.cycle();
    assertThat(bench.wheels.leftMps()).isCloseTo(0.3, within(1e-12));
    assertThat(bench.wheels.rightMps()).isCloseTo(0.15, within(1e-12));
  }
}
