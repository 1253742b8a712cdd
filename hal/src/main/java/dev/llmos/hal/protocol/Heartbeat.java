package dev.llmos.hal.protocol;

/**
 * The host is alive; the robot's watchdog counts it.
 *
 * @param hostTimeMs the host's clock in milliseconds, 0 to 2³²−1 (for latency measurements)
 */
public record Heartbeat(long hostTimeMs) implements Message {
  public static final long MAX_TIME_MS = 0xFFFF_FFFFL;

  public Heartbeat {
    if (hostTimeMs < 0 || hostTimeMs > MAX_TIME_MS) {
      throw new IllegalArgumentException(
          "hostTimeMs must be within 0–4294967295, got " + hostTimeMs);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.HEARTBEAT;
  }
}
