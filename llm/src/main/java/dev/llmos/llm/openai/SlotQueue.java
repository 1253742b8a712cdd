package dev.llmos.llm.openai;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * At most {@code slots} tasks hold a slot at a time; the others wait in arrival order. Nobody
 * blocks: a task runs on the executor once it has a slot, and must {@link #release()} it when its
 * work (an HTTP request) is over, which hands the slot to the next waiting task.
 */
final class SlotQueue {
  private final Executor executor;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int free;

  SlotQueue(int slots, Executor executor) {
    this.free = slots;
    this.executor = executor;
  }

  /** Runs {@code task} holding a slot, now or when one is free. */
  void submit(Runnable task) {
    synchronized (this) {
      if (free == 0) {
        waiting.add(task);
        return;
      }
      free--;
    }
    executor.execute(task);
  }

  /** Gives a slot back: to the next waiting task, or to the free ones. */
  void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        free++;
        return;
      }
    }
    executor.execute(next);
  }

  /** Forgets every waiting task (they never run). */
  synchronized void clear() {
    waiting.clear();
  }
}
