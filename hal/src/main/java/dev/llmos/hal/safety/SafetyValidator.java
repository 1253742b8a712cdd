package dev.llmos.hal.safety;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.Reset;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The host's safety validator: every command to one robot passes {@link #check} before it reaches a
 * transport. It applies the {@link SafetyEnvelope}'s schema, range and context rules, refuses
 * oscillation, and keeps the emergency latch. Telemetry from the robot is fed in with {@link
 * #observe}; it is stamped with this validator's clock on arrival, so staleness is measured on the
 * host whatever the robot's own clock says. One validator per robot link; thread-safe.
 */
public final class SafetyValidator {
  private final SafetyEnvelope envelope;
  private final Clock clock;
  private final Duration freshness;
  private final OscillationGuard oscillation;
  private boolean latched;
  private Telemetry latest;
  private Instant latestAt;

  public SafetyValidator(SafetyLimits limits, Capabilities capabilities, Clock clock) {
    if (clock == null) {
      throw new IllegalArgumentException("a safety validator needs a clock");
    }
    this.envelope = new SafetyEnvelope(limits, capabilities);
    this.clock = clock;
    this.freshness = Duration.ofNanos(Math.round(envelope.watchdogTimeoutS() * 1e9));
    this.oscillation = new OscillationGuard(limits);
  }

  public SafetyEnvelope envelope() {
    return envelope;
  }

  /** Records the robot's latest telemetry, received now. */
  public synchronized void observe(Telemetry telemetry) {
    if (telemetry == null) {
      throw new IllegalArgumentException("telemetry is required");
    }
    latest = telemetry;
    latestAt = clock.instant();
  }

  /**
   * Whether motion is refused until a reset: an emergency stop was sent, or the robot's latest
   * telemetry says its emergency stop is latched.
   */
  public synchronized boolean latched() {
    return latched || (latest != null && latest.status().emergencyLatched());
  }

  /**
   * Decides whether the command may be sent, and in what form. Stop and emergency stop are always
   * accepted unchanged; reset is accepted and clears the latch; other commands that do not move the
   * robot pass the schema rules only; motion must also pass the latch, fresh sensor data, the
   * context rules and the oscillation rule, in that order.
   */
  public synchronized Verdict check(Command command) {
    if (command == null) {
      throw new IllegalArgumentException("command is required");
    }
    if (command instanceof Stop) {
      oscillation.clear();
      return Verdict.accept(command);
    }
    if (command instanceof EmergencyStop) {
      latched = true;
      oscillation.clear();
      return Verdict.accept(command);
    }
    if (command instanceof Reset) {
      latched = false;
      return Verdict.accept(command);
    }
    if (!command.isMotion()) {
      return envelope.shape(command);
    }
    if (latched()) {
      return new Verdict.Refused(
          SafetyRule.EMERGENCY_LATCH,
          latched
              ? "an emergency stop is latched; send reset before moving"
              : "the robot reports its emergency stop latched; send reset and wait for telemetry"
                  + " that shows it cleared");
    }
    Instant now = clock.instant();
    Optional<Verdict.Refused> stale = staleness(now);
    if (stale.isPresent()) {
      return stale.get();
    }
    Verdict shaped = envelope.shape(command);
    if (!(shaped instanceof Verdict.Accepted accepted)) {
      return shaped;
    }
    Verdict placed = envelope.inSurroundings(accepted.command(), Surroundings.of(latest));
    if (!(placed instanceof Verdict.Accepted inPlace)) {
      return placed;
    }
    Optional<Verdict.Refused> dithering =
        oscillation.admit(envelope.speedsOf(inPlace.command()), now);
    if (dithering.isPresent()) {
      return dithering.get();
    }
    return accepted.then(inPlace);
  }

  private Optional<Verdict.Refused> staleness(Instant now) {
    if (latest == null) {
      return Optional.of(
          new Verdict.Refused(
              SafetyRule.SENSOR_DATA, "no sensor data from the robot yet; wait for telemetry"));
    }
    Duration age = Duration.between(latestAt, now);
    if (age.compareTo(freshness) > 0) {
      return Optional.of(
          new Verdict.Refused(
              SafetyRule.SENSOR_DATA,
              "no fresh sensor data: the latest telemetry is "
                  + SafetyEnvelope.num(age.toNanos() / 1e9)
                  + " s old, older than the watchdog timeout "
                  + SafetyEnvelope.num(freshness.toNanos() / 1e9)
                  + " s; wait for telemetry"));
    }
    return Optional.empty();
  }
}
