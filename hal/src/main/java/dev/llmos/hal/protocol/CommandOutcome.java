package dev.llmos.hal.protocol;

import dev.llmos.hal.command.Command;
import java.util.Optional;

/**
 * What became of a command sent to the robot.
 *
 * @param seq the sequence number it was sent with
 * @param command the command
 * @param status acked, nacked or unanswered
 * @param nackReason the robot's reason, present exactly when nacked
 * @param attempts how many times it was sent, 1 plus the resends
 */
public record CommandOutcome(
    int seq, Command command, Status status, Optional<NackReason> nackReason, int attempts) {
  /** How the exchange ended. */
  public enum Status {
    ACKED,
    NACKED,
    /** No ack or nack after every resend. */
    UNANSWERED
  }

  public CommandOutcome {
    if (nackReason.isPresent() != (status == Status.NACKED)) {
      throw new IllegalArgumentException("a nack reason goes with a nacked command, and only then");
    }
  }
}
