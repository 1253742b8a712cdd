package dev.llmos.runtime.agent;

import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.perception.VisionFrame;
import dev.llmos.runtime.world.WorldModel;

/**
 * Hears about each tick as the runner records it, on the control thread: a live view draws from it.
 * It must be quick and must not keep {@code world}, which the next tick changes; what it needs
 * later it copies.
 */
@FunctionalInterface
public interface TickListener {
  void tick(TickRecord record, WorldModel world);

  /**
   * What perception made of a camera frame, when it is done with it (also on the control thread); a
   * failed {@code vision} has no detections. Both are immutable and may be kept.
   */
  default void seen(CameraFrame image, VisionFrame vision) {}

  /** Both listeners, {@code first} first. */
  static TickListener both(TickListener first, TickListener second) {
    return new TickListener() {
      @Override
      public void tick(TickRecord record, WorldModel world) {
        first.tick(record, world);
        second.tick(record, world);
      }

      @Override
      public void seen(CameraFrame image, VisionFrame vision) {
        first.seen(image, vision);
        second.seen(image, vision);
      }
    };
  }
}
