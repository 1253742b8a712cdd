package dev.llmos.hal.protocol;

import dev.llmos.hal.command.Command;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's commands that the robot has not answered yet. {@link #send} numbers and encodes a
 * command and keeps it; {@link #onReply} settles it on an ack or nack; {@link #due}, called at
 * least once per retry interval, hands back the frames to resend and settles as unanswered those
 * whose resends are used up. Pure logic on a clock: no threads, no I/O. Outcomes complete on the
 * thread that calls {@code onReply}, {@code due} or {@code abandonAll}. Not thread-safe.
 */
public final class OutstandingCommands {
  /** The most commands waiting at once by default. */
  public static final int DEFAULT_CAPACITY = 64;

  private final Clock clock;
  private final RetryPolicy policy;
  private final SequenceCounter seqs;
  private final int capacity;
  private final FrameEncoder encoder = new FrameEncoder();
  private final Map<Integer, PendingCommand> pending = new LinkedHashMap<>();

  /**
   * @param seqs the host's sequence counter, shared with its other frames (heartbeats)
   * @param capacity the most commands waiting at once, 1–32768 (so numbers stay unambiguous)
   */
  public OutstandingCommands(Clock clock, RetryPolicy policy, SequenceCounter seqs, int capacity) {
    if (clock == null || policy == null || seqs == null) {
      throw new IllegalArgumentException(
          "outstanding commands need a clock, a policy and a counter");
    }
    if (capacity < 1 || capacity > 32768) {
      throw new IllegalArgumentException("capacity must be within 1–32768, got " + capacity);
    }
    this.clock = clock;
    this.policy = policy;
    this.seqs = seqs;
    this.capacity = capacity;
  }

  public OutstandingCommands(Clock clock, RetryPolicy policy, SequenceCounter seqs) {
    this(clock, policy, seqs, DEFAULT_CAPACITY);
  }

  /**
   * Numbers and encodes the command and keeps it until it is answered; send {@link
   * PendingCommand#wire()} now.
   *
   * @throws IllegalStateException when {@code capacity} commands are already waiting
   * @throws IllegalArgumentException when the command cannot be put on the wire
   */
  public PendingCommand send(Command command) {
    if (pending.size() >= capacity) {
      throw new IllegalStateException(
          capacity + " commands are already waiting for the robot's answer");
    }
    int seq = seqs.next();
    if (pending.containsKey(seq)) {
      throw new IllegalStateException("sequence number " + seq + " is still waiting for an answer");
    }
    byte[] wire = encoder.encode(seq, new CommandMessage(command));
    PendingCommand p = new PendingCommand(seq, command, wire, clock.instant());
    pending.put(seq, p);
    return p;
  }

  /**
   * Settles the command this reply names.
   *
   * @return false when no command with that number is waiting (a late or repeated answer)
   */
  public boolean onReply(CommandReply reply) {
    PendingCommand p = pending.remove(reply.commandSeq());
    if (p == null) {
      return false;
    }
    CommandOutcome outcome;
    if (reply instanceof Nack nack) {
      outcome =
          new CommandOutcome(
              p.seq(),
              p.command(),
              CommandOutcome.Status.NACKED,
              Optional.of(nack.reason()),
              p.attempts());
    } else {
      outcome =
          new CommandOutcome(
              p.seq(), p.command(), CommandOutcome.Status.ACKED, Optional.empty(), p.attempts());
    }
    p.outcome().complete(outcome);
    return true;
  }

  /**
   * The frames to resend now, in the order first sent: every command unanswered for a retry
   * interval since it was last sent. A command whose resends are used up is settled as unanswered
   * instead.
   */
  public List<byte[]> due() {
    Instant now = clock.instant();
    List<byte[]> resend = new ArrayList<>();
    Iterator<PendingCommand> it = pending.values().iterator();
    while (it.hasNext()) {
      PendingCommand p = it.next();
      if (now.isBefore(p.lastSent().plus(policy.interval()))) {
        continue;
      }
      if (p.attempts() > policy.maxRetries()) {
        it.remove();
        p.outcome().complete(unanswered(p));
      } else {
        p.resent(now);
        resend.add(p.wire());
      }
    }
    return resend;
  }

  /** When {@link #due} next has something to do; empty when nothing is waiting. */
  public Optional<Instant> nextDueAt() {
    Instant earliest = null;
    for (PendingCommand p : pending.values()) {
      Instant at = p.lastSent().plus(policy.interval());
      if (earliest == null || at.isBefore(earliest)) {
        earliest = at;
      }
    }
    return Optional.ofNullable(earliest);
  }

  /** Settles every waiting command as unanswered (the link closed). */
  public void abandonAll() {
    List<PendingCommand> all = new ArrayList<>(pending.values());
    pending.clear();
    for (PendingCommand p : all) {
      p.outcome().complete(unanswered(p));
    }
  }

  /** How many commands are waiting. */
  public int size() {
    return pending.size();
  }

  private static CommandOutcome unanswered(PendingCommand p) {
    return new CommandOutcome(
        p.seq(), p.command(), CommandOutcome.Status.UNANSWERED, Optional.empty(), p.attempts());
  }
}
