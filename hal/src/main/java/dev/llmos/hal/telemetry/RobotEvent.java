package dev.llmos.hal.telemetry;

/**
 * Something the robot reports on its own: a safety stop, a collision, a log line.
 *
 * @param timeS robot time, seconds
 * @param kind what happened
 * @param message a readable detail
 */
public record RobotEvent(double timeS, Kind kind, String message) {
  /** The kinds of events, with their wire codes. */
  public enum Kind {
    LOG(0),
    EMERGENCY_STOP(1),
    WATCHDOG_STOP(2),
    COLLISION(3),
    REFLEX_STOP(4),
    COMMAND_DONE(5),
    LOW_BATTERY(6);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    /** The kind for a wire code, or {@code LOG} for a code this host does not know. */
    public static Kind ofCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      return LOG;
    }
  }
}
