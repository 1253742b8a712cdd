package dev.llmos.hal.protocol;

import java.util.Optional;

/** Why a robot refused a command, with the wire codes of a NACK. */
public enum NackReason {
  /** The command frame arrived intact but its payload could not be read. */
  MALFORMED(0x01),
  /** The opcode is not one this robot knows. */
  UNKNOWN_COMMAND(0x02),
  /** A value is beyond what the robot can do (speed, duration, distance). */
  OUT_OF_RANGE(0x03),
  /** An emergency stop is latched; only RESET, STOP and non-motion commands are taken. */
  EMERGENCY_LATCHED(0x04),
  /** The robot's reflexes judge the motion unsafe now (an obstacle too close). */
  UNSAFE(0x05),
  /** The robot cannot take the command now (a frame capture already under way). */
  BUSY(0x06),
  /** The robot lacks the hardware for it (a capture without a camera). */
  UNSUPPORTED(0x07);

  private final int code;

  NackReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The reason for a wire code, empty for a code this version does not define. */
  public static Optional<NackReason> ofCode(int code) {
    for (NackReason r : values()) {
      if (r.code == code) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
