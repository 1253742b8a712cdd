package dev.llmos.hal.safety;

import static dev.llmos.hal.safety.SafetyFixtures.LIMITS;
import static dev.llmos.hal.safety.SafetyFixtures.TRACK_WIDTH_M;
import static dev.llmos.hal.safety.SafetyFixtures.robot;
import static dev.llmos.hal.safety.SafetyFixtures.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * For any command sequence, any sensor state and any passage of time, nothing the validator lets
 * through breaks a limit. The checks below recompute each limit on their own (speeds from the
 * commands, clearances from the reference robot's sensor layout) rather than asking the envelope.
 */
class SafetyValidatorPropertyTest {
  private static final double EPS = 1e-9;
  private static final int[] AHEAD = {
    SafetyFixtures.FRONT, SafetyFixtures.FRONT_LEFT, SafetyFixtures.FRONT_RIGHT
  };
  private static final int[] BEHIND = {SafetyFixtures.REAR};

  /** One thing that happens to the validator. */
  sealed interface Step permits Send, See, Wait {}

  record Send(Command command) implements Step {}

  record See(List<Double> rangesM, boolean bumper, boolean latched) implements Step {}

  record Wait(long millis) implements Step {}

  @Property(tries = 1000, seed = "20260501", edgeCases = EdgeCasesMode.NONE)
  void nothingThatReachesATransportBreaksALimit(@ForAll("scenarios") List<Step> steps) {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
    SafetyValidator validator = new SafetyValidator(LIMITS, robot(), clock);
    Model model = new Model();
    int moves = 0;
    for (Step step : steps) {
      if (step instanceof Wait w) {
        clock.advance(Duration.ofMillis(w.millis()));
      } else if (step instanceof See s) {
        validator.observe(telemetry(s.rangesM(), s.bumper(), s.latched()));
        model.seen = s;
        model.seenAt = clock.instant();
      } else {
        Command command = ((Send) step).command();
        Verdict verdict = validator.check(command);
        moves += command.isMotion() && verdict.accepted() ? 1 : 0;
        Statistics.label("verdict")
            .collect(verdict instanceof Verdict.Refused r ? r.rule().name() : "accepted");
        model.follow(command, verdict, clock.instant());
      }
    }
    Statistics.label("accepted motions").collect(moves == 0 ? "none" : moves < 5 ? "1-4" : "5+");
  }

  /** What the checks remember between steps. */
  private static final class Model {
    See seen;
    Instant seenAt;
    boolean latched;
    final List<Instant> reversals = new ArrayList<>();
    int lastDrive;
    int lastTurn;

    void follow(Command command, Verdict verdict, Instant now) {
      if (command instanceof Stop || command instanceof EmergencyStop) {
        assertThat(verdict).isEqualTo(new Verdict.Accepted(command, List.of()));
        reversals.clear();
        lastDrive = 0;
        lastTurn = 0;
        latched |= command instanceof EmergencyStop;
        return;
      }
      if (command instanceof Reset) {
        assertThat(verdict.accepted()).isTrue();
        latched = false;
        return;
      }
      if (!(verdict instanceof Verdict.Accepted accepted)) {
        return;
      }
      Command sent = accepted.command();
      if (sent instanceof SetLed led) {
        assertThat(List.of(led.red(), led.green(), led.blue())).allMatch(c -> c >= 0 && c <= 255);
      }
      if (!sent.isMotion()) {
        return;
      }
      assertThat(latched || seen.latched()).as("moved while latched").isFalse();
      assertThat(Duration.between(seenAt, now)).isLessThanOrEqualTo(Duration.ofMillis(500));
      assertThat(seen.rangesM()).hasSize(SafetyFixtures.SENSORS.size());
      checkSpeedsAndDuration(sent);
      checkClearance(sent);
      checkOscillation(sent, now);
    }

    void checkSpeedsAndDuration(Command sent) {
      double v = vx(sent);
      double omega = omega(sent);
      WheelSpeeds wheels =
          new WheelSpeeds(v - omega * TRACK_WIDTH_M / 2, v + omega * TRACK_WIDTH_M / 2);
      assertThat(wheels.maxAbsMps()).isLessThanOrEqualTo(LIMITS.maxWheelSpeedMps() + EPS);
      assertThat(Math.abs(omega)).isLessThanOrEqualTo(LIMITS.maxTurnRateRadps() + EPS);
      double longest = LIMITS.maxCommandDurationS() * (1 + EPS);
      if (sent instanceof DriveWheels d) {
        assertThat(d.durationS()).isPositive().isLessThanOrEqualTo(longest);
      } else if (sent instanceof Twist t) {
        assertThat(t.durationS()).isPositive().isLessThanOrEqualTo(longest);
      } else if (sent instanceof MoveDistance m) {
        assertThat(m.speedMps()).isPositive();
        assertThat(Math.abs(m.distanceM()) / m.speedMps()).isLessThanOrEqualTo(longest);
      } else {
        Rotate r = (Rotate) sent;
        assertThat(r.rateRadps()).isPositive();
        assertThat(Math.abs(r.angleRad())).isLessThanOrEqualTo(2 * Math.PI);
        assertThat(Math.abs(r.angleRad()) / r.rateRadps()).isLessThanOrEqualTo(longest);
      }
    }

    void checkClearance(Command sent) {
      double v = vx(sent);
      if (v == 0) {
        return;
      }
      if (v > 0) {
        assertThat(seen.bumper()).as("forward into a pressed bumper").isFalse();
      }
      double clearance = nearest(v > 0 ? AHEAD : BEHIND);
      assertThat(clearance).isGreaterThan(LIMITS.emergencyStopDistanceM());
      double cap =
          LIMITS.maxWheelSpeedMps()
              * Math.min(
                  1,
                  (clearance - LIMITS.emergencyStopDistanceM())
                      / (LIMITS.slowDownDistanceM() - LIMITS.emergencyStopDistanceM()));
      assertThat(Math.abs(v)).isLessThanOrEqualTo(cap + EPS);
    }

    void checkOscillation(Command sent, Instant now) {
      int drive = OscillationGuard.direction(vx(sent), OscillationGuard.DRIVE_DEADBAND_MPS);
      int turn = OscillationGuard.direction(omega(sent), OscillationGuard.TURN_DEADBAND_RADPS);
      if ((drive != 0 && lastDrive != 0 && drive != lastDrive)
          || (turn != 0 && lastTurn != 0 && turn != lastTurn)) {
        reversals.add(now);
      }
      Instant horizon = now.minusNanos(Math.round(LIMITS.oscillationWindowS() * 1e9));
      assertThat(reversals.stream().filter(t -> t.isAfter(horizon)).count())
          .isLessThanOrEqualTo(LIMITS.maxDirectionReversals());
      lastDrive = drive != 0 ? drive : lastDrive;
      lastTurn = turn != 0 ? turn : lastTurn;
    }

    double nearest(int[] indices) {
      double nearest = Double.POSITIVE_INFINITY;
      for (int i : indices) {
        double r = seen.rangesM().get(i);
        nearest = Math.min(nearest, Double.isNaN(r) || r < 0 ? 0 : r);
      }
      return nearest;
    }
  }

  private static double vx(Command c) {
    if (c instanceof DriveWheels d) {
      return (d.speeds().leftMps() + d.speeds().rightMps()) / 2;
    }
    if (c instanceof Twist t) {
      return t.speeds().vxMps();
    }
    if (c instanceof MoveDistance m) {
      return Math.copySign(m.speedMps(), m.distanceM());
    }
    return 0;
  }

  private static double omega(Command c) {
    if (c instanceof DriveWheels d) {
      return (d.speeds().rightMps() - d.speeds().leftMps()) / TRACK_WIDTH_M;
    }
    if (c instanceof Twist t) {
      return t.speeds().omegaRadps();
    }
    if (c instanceof Rotate r) {
      return Math.copySign(r.rateRadps(), r.angleRad());
    }
    return 0;
  }

  @Provide
  Arbitrary<List<Step>> scenarios() {
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(6, commands().map(Send::new)),
            Tuple.of(4, sightings()),
            Tuple.of(3, Arbitraries.longs().between(0, 200).map(Wait::new)),
            Tuple.of(1, Arbitraries.longs().between(0, 1000).map(Wait::new)));
    return step.list()
        .ofMinSize(1)
        .ofMaxSize(60)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  private static Arbitrary<Step> sightings() {
    Arbitrary<Double> reading =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.doubles().between(0, 0.4)),
            Tuple.of(6, Arbitraries.doubles().between(0, 2.5)),
            Tuple.of(
                1, Arbitraries.of(Double.NaN, -1.0, 0.0, Double.POSITIVE_INFINITY, 0.05, 0.30)));
    Arbitrary<List<Double>> ranges =
        Arbitraries.frequencyOf(
            Tuple.of(12, reading.list().ofSize(SafetyFixtures.SENSORS.size())),
            Tuple.of(1, reading.list().ofMaxSize(SafetyFixtures.SENSORS.size() - 1)));
    return Combinators.combine(
            ranges,
            Arbitraries.of(false, false, false, true),
            Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
        .as(See::new);
  }

  private static Arbitrary<Command> commands() {
    Arbitrary<Double> speed = values(0.6);
    Arbitrary<Double> duration =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.doubles().between(-1, 10)),
            Tuple.of(
                1, Arbitraries.of(0.0, Double.MIN_VALUE, 1e-9, 60.0, 1e300, Double.MAX_VALUE)));
    Arbitrary<Double> moveSpeed = mostlyPositive(0.6);
    Arbitrary<Double> turnRate = mostlyPositive(10);
    Arbitrary<Double> sign = Arbitraries.of(-1.0, 1.0);
    // Small motions of random direction, so that reversals come often.
    Arbitrary<Command> jiggle =
        Combinators.combine(sign, sign, Arbitraries.of(0.0, 0.1, 1.0))
            .as((drive, turn, turnShare) -> new Twist(0.1 * drive, turnShare * turn, 0.2));
    Arbitrary<Integer> channel = Arbitraries.integers().between(-300, 300);
    return Arbitraries.frequencyOf(
        Tuple.of(
            4,
            Combinators.combine(speed, speed, duration)
                .as((l, r, d) -> new DriveWheels(new WheelSpeeds(l, r), d))),
        Tuple.of(4, Combinators.combine(speed, values(10), duration).as(Twist::new)),
        Tuple.of(3, Combinators.combine(values(3), moveSpeed).as(MoveDistance::new)),
        Tuple.of(3, Combinators.combine(values(8), turnRate).as(Rotate::new)),
        Tuple.of(8, jiggle),
        Tuple.of(1, Arbitraries.just(new Stop())),
        Tuple.of(1, Arbitraries.just(new EmergencyStop())),
        Tuple.of(3, Arbitraries.just(new Reset())),
        Tuple.of(1, Combinators.combine(channel, channel, channel).as(SetLed::new)),
        Tuple.of(1, Arbitraries.of(new CaptureFrame(), new ReadSensors())));
  }

  /** Speeds and rates that are mostly as they should be: positive and up to {@code typical}. */
  private static Arbitrary<Double> mostlyPositive(double typical) {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.doubles().between(0, typical)), Tuple.of(1, values(typical)));
  }

  /** Ordinary values within ±typical, sometimes huge, tiny or at the edges of double. */
  private static Arbitrary<Double> values(double typical) {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.doubles().between(-typical, typical)),
        Tuple.of(1, Arbitraries.doubles().between(-1e6, 1e6)),
        Tuple.of(
            1,
            Arbitraries.of(
                0.0,
                -0.0,
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                1e-300,
                -1e300,
                1e300,
                Double.MAX_VALUE,
                -Double.MAX_VALUE)));
  }
}
