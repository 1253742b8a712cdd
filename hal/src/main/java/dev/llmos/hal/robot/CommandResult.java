package dev.llmos.hal.robot;

import dev.llmos.hal.command.Command;

/**
 * What became of a command: accepted (possibly after the safety validator changed it), or refused
 * with a reason — by the validator on the host, or by the robot.
 *
 * @param requested what the caller asked for
 * @param sent what reached the transport after validation, or {@code null} when nothing was sent
 * @param outcome accepted or refused, and by whom
 * @param reason why it was refused or changed; empty when accepted unchanged
 */
public record CommandResult(Command requested, Command sent, Outcome outcome, String reason) {
  /** Who decided. */
  public enum Outcome {
    /** The robot acknowledged the command. */
    ACCEPTED,
    /** The host's safety validator refused it; nothing was sent. */
    REFUSED_BY_VALIDATOR,
    /** The robot refused it (a nack with a reason). */
    REFUSED_BY_ROBOT,
    /** No acknowledgement arrived after every retry. */
    NO_ANSWER
  }

  public boolean accepted() {
    return outcome == Outcome.ACCEPTED;
  }
}
