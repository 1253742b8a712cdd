package dev.llmos.hal.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * The robot's memory of the commands it answered, so a resent command (same sequence number) is
 * answered again with the same reply but not executed twice. It remembers the last {@code capacity}
 * replies for {@code memory}; after that a number may come round again (16-bit sequence numbers
 * wrap) and is taken as a new command. Not thread-safe.
 */
public final class DuplicateFilter {
  /** Replies remembered by default. */
  public static final int DEFAULT_CAPACITY = 64;

  /** How long replies are remembered by default: well past the host's default give-up time. */
  public static final Duration DEFAULT_MEMORY = Duration.ofSeconds(2);

  private record Entry(CommandReply reply, Instant at) {}

  private final Clock clock;
  private final int capacity;
  private final Duration memory;
  private final Deque<Entry> entries = new ArrayDeque<>();

  public DuplicateFilter(Clock clock, int capacity, Duration memory) {
    if (clock == null || memory == null || memory.isNegative() || memory.isZero()) {
      throw new IllegalArgumentException("a duplicate filter needs a clock and a positive memory");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
    this.memory = memory;
  }

  public DuplicateFilter(Clock clock) {
    this(clock, DEFAULT_CAPACITY, DEFAULT_MEMORY);
  }

  /** The reply already sent for this sequence number, if the command was answered recently. */
  public Optional<CommandReply> previousReply(int seq) {
    forgetOld();
    Iterator<Entry> it = entries.descendingIterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.reply().commandSeq() == seq) {
        return Optional.of(e.reply());
      }
    }
    return Optional.empty();
  }

  /** Remembers the reply just sent for a command. */
  public void remember(CommandReply reply) {
    forgetOld();
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(reply, clock.instant()));
  }

  /** Forgets everything: a new host session (a HELLO_REQUEST) starts numbering afresh. */
  public void clear() {
    entries.clear();
  }

  private void forgetOld() {
    Instant oldest = clock.instant().minus(memory);
    while (!entries.isEmpty() && !entries.peekFirst().at().isAfter(oldest)) {
      entries.removeFirst();
    }
  }
}
