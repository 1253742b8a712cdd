package dev.llmos.runtime.predict;

import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import java.util.Optional;

/**
 * The motion a command asks for: a forward speed and turn rate held for a while.
 *
 * @param vMps forward speed, m/s
 * @param omegaRadps turn rate, rad/s, counter-clockwise positive
 * @param durationS how long the command holds it, seconds (0 for a stop)
 */
public record Motion(double vMps, double omegaRadps, double durationS) {
  public static final Motion STOPPED = new Motion(0, 0, 0);

  public Motion {
    if (!Double.isFinite(vMps) || !Double.isFinite(omegaRadps) || !(durationS >= 0)) {
      throw new IllegalArgumentException(
          "a motion needs finite speeds and a duration >= 0 s, got "
              + vMps
              + ", "
              + omegaRadps
              + ", "
              + durationS);
    }
  }

  /**
   * The motion of a command; empty for commands that do not drive (lights, camera, sensors, a
   * reset), after which the robot carries on as before.
   *
   * @param trackWidthM the distance between the wheels, to read a wheel-speed command
   */
  public static Optional<Motion> of(Command command, double trackWidthM) {
    if (command instanceof Twist t) {
      return Optional.of(
          new Motion(t.speeds().vxMps(), t.speeds().omegaRadps(), Math.max(0, t.durationS())));
    }
    if (command instanceof Rotate r) {
      double rate = Math.abs(r.rateRadps());
      return Optional.of(
          rate == 0
              ? STOPPED
              : new Motion(0, Math.copySign(rate, r.angleRad()), Math.abs(r.angleRad()) / rate));
    }
    if (command instanceof MoveDistance m) {
      double speed = Math.abs(m.speedMps());
      return Optional.of(
          speed == 0
              ? STOPPED
              : new Motion(
                  Math.copySign(speed, m.distanceM()), 0, Math.abs(m.distanceM()) / speed));
    }
    if (command instanceof DriveWheels d) {
      double left = d.speeds().leftMps();
      double right = d.speeds().rightMps();
      return Optional.of(
          new Motion((left + right) / 2, (right - left) / trackWidthM, Math.max(0, d.durationS())));
    }
    if (command instanceof Stop || command instanceof EmergencyStop) {
      return Optional.of(STOPPED);
    }
    return Optional.empty();
  }

  /** Whether the motion moves the robot's centre. */
  public boolean translates() {
    return vMps != 0 && durationS > 0;
  }
}
