package dev.llmos.runtime.agent;

import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.world.WorldModel;

/**
 * Hears about each tick as the runner records it, on the control thread: a live view draws from it.
 * It must be quick and must not keep {@code world}, which the next tick changes; what it needs
 * later it copies.
 */
@FunctionalInterface
public interface TickListener {
  void tick(TickRecord record, WorldModel world);
}
