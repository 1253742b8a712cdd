package dev.llmos.hal.protocol;

/**
 * One sender's sequence numbers: 0, 1, …, 65535, 0, … Each side numbers every frame it sends from
 * one counter; a resent command keeps the number it was first sent with. Not thread-safe.
 */
public final class SequenceCounter {
  private int next;

  /** Starts at 0. */
  public SequenceCounter() {
    this(0);
  }

  /** Starts at {@code first}, 0–65535. */
  public SequenceCounter(int first) {
    this.next = FrameFormat.requireSeq(first, "first");
  }

  /** The next number, wrapping after 65535. */
  public int next() {
    int seq = next;
    next = (next + 1) & FrameFormat.MAX_SEQ;
    return seq;
  }
}
