package dev.llmos.hal.safety;

import dev.llmos.core.kinematics.ChassisSpeeds;
import dev.llmos.core.safety.SafetyLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The sequence rule: at most {@code max_direction_reversals} reversals of drive or turn direction
 * within {@code oscillation_window_s}, counted since the last stop. Not thread-safe; the validator
 * guards it.
 */
final class OscillationGuard {
  /**
   * Slower than this counts as not driving, so a turn with a little drift has no drive direction.
   */
  static final double DRIVE_DEADBAND_MPS = 0.01;

  /** Slower than this counts as not turning, so a nearly straight drive has no turn direction. */
  static final double TURN_DEADBAND_RADPS = 0.1;

  private final Duration window;
  private final int maxReversals;
  private final ArrayDeque<Instant> reversals = new ArrayDeque<>();
  private int lastDrive;
  private int lastTurn;

  OscillationGuard(SafetyLimits limits) {
    this.window = Duration.ofNanos(Math.round(limits.oscillationWindowS() * 1e9));
    this.maxReversals = limits.maxDirectionReversals();
  }

  /** Refuses a motion that would be one reversal too many; otherwise records it. */
  Optional<Verdict.Refused> admit(ChassisSpeeds speeds, Instant now) {
    int drive = direction(speeds.vxMps(), DRIVE_DEADBAND_MPS);
    int turn = direction(speeds.omegaRadps(), TURN_DEADBAND_RADPS);
    boolean reversal =
        (drive != 0 && lastDrive != 0 && drive != lastDrive)
            || (turn != 0 && lastTurn != 0 && turn != lastTurn);
    if (reversal) {
      Instant horizon = now.minus(window);
      while (!reversals.isEmpty() && !reversals.peekFirst().isAfter(horizon)) {
        reversals.removeFirst();
      }
      if (reversals.size() >= maxReversals) {
        Duration wait = Duration.between(now, reversals.peekFirst().plus(window));
        return Optional.of(
            new Verdict.Refused(
                SafetyRule.OSCILLATION,
                "this would be reversal "
                    + (reversals.size() + 1)
                    + " of drive or turn direction within safety.oscillation_window_s "
                    + SafetyEnvelope.num(window.toNanos() / 1e9)
                    + " s (at most safety.max_direction_reversals "
                    + maxReversals
                    + "); the robot is oscillating: stop first or wait "
                    + SafetyEnvelope.num(wait.toNanos() / 1e9)
                    + " s"));
      }
      reversals.addLast(now);
    }
    lastDrive = drive != 0 ? drive : lastDrive;
    lastTurn = turn != 0 ? turn : lastTurn;
    return Optional.empty();
  }

  /** A stop ends any oscillation: the next motion starts afresh. */
  void clear() {
    reversals.clear();
    lastDrive = 0;
    lastTurn = 0;
  }

  static int direction(double value, double deadband) {
    return Math.abs(value) < deadband ? 0 : (value > 0 ? 1 : -1);
  }
}
