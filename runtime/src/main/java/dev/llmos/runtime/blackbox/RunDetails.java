package dev.llmos.runtime.blackbox;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Structured records made off the control loop's thread (an RSA history on the planner's thread, a
 * model call on the client's), held until the loop writes them into its black box: the black box
 * belongs to the loop alone.
 */
public final class RunDetails {
  private record Pending(String kind, Object data) {}

  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

  /** Holds one record; any thread. {@code data} is written with Jackson. */
  public void add(String kind, Object data) {
    pending.add(new Pending(kind, data));
  }

  /** Writes every record held so far into {@code box}, labelled with {@code tick}. */
  public void drainTo(BlackBox box, long tick) {
    for (Pending p = pending.poll(); p != null; p = pending.poll()) {
      box.detail(tick, p.kind(), p.data());
    }
  }
}
