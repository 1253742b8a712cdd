package dev.llmos.hal.protocol;

import dev.llmos.hal.command.Command;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A command sent and not yet answered: its number, its exact wire bytes and its outcome. */
public final class PendingCommand {
  private final int seq;
  private final Command command;
  private final byte[] wire;
  private final CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();
  private Instant lastSent;
  private int attempts;

  PendingCommand(int seq, Command command, byte[] wire, Instant sentAt) {
    this.seq = seq;
    this.command = command;
    this.wire = wire;
    this.lastSent = sentAt;
    this.attempts = 1;
  }

  public int seq() {
    return seq;
  }

  public Command command() {
    return command;
  }

  /** A copy of the frame's wire bytes; a resend sends exactly these. */
  public byte[] wire() {
    return wire.clone();
  }

  /** Completes when the robot answers or every resend went unanswered. */
  public CompletableFuture<CommandOutcome> outcome() {
    return outcome;
  }

  Instant lastSent() {
    return lastSent;
  }

  int attempts() {
    return attempts;
  }

  void resent(Instant at) {
    lastSent = at;
    attempts++;
  }
}
