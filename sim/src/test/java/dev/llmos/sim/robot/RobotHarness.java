package dev.llmos.sim.robot;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.link.LinkOptions;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.robot.CommandResult;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.hal.transport.Transport;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaLoader;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Shared pieces of the end-to-end robot tests: a test arena, the kernel's limits, waiting. */
final class RobotHarness {
  /** The shipped kernel's safety limits (volumes/system/kernel/safety-rules.md). */
  static final SafetyLimits LIMITS = new SafetyLimits(0.3, 4.0, 0.05, 0.15, 0.30, 0.5, 5.0, 2.0, 4);

  private RobotHarness() {}

  /** A 3 m room with nothing in it, the robot in its lower-left quarter facing +x. */
  static Arena openRoom() {
    return ArenaLoader.parse(
        "open-room.yaml",
        """
        name: open-room
        description: A 3 m square room for driving tests.
        size: {width: 3.0, height: 3.0}
        cell: 0.05
        starts:
          - {x: 1.0, y: 1.0, heading: 0}
        """);
  }

  static RobotLink link(Transport transport) throws IOException {
    return RobotLink.open(transport, LIMITS, Clock.systemUTC(), LinkOptions.forLimits(LIMITS));
  }

  /** Sends a command and insists that the robot accepted it. */
  static CommandResult sendAccepted(RobotLink robot, Command command) throws Exception {
    CommandResult result = robot.send(command).get(5, TimeUnit.SECONDS);
    if (!result.accepted()) {
      throw new AssertionError(command.describe() + " was not accepted: " + result);
    }
    return result;
  }

  /**
   * Sends a command in a lockstep run without waiting for the robot, which answers only when the
   * caller runs its next cycle; insists that the host's validator did not refuse it.
   */
  static void sendUnrefused(RobotLink robot, Command command) throws Exception {
    var pending = robot.send(command);
    if (pending.isDone() && !pending.get().accepted()) {
      throw new AssertionError(command.describe() + " was refused: " + pending.get());
    }
  }

  /** Collects events as the host receives them. */
  static BlockingQueue<RobotEvent> events(RobotLink robot) {
    BlockingQueue<RobotEvent> events = new LinkedBlockingQueue<>();
    robot.onEvent(events::add);
    return events;
  }

  /** Waits for an event of the kind, skipping others. */
  static RobotEvent await(BlockingQueue<RobotEvent> events, RobotEvent.Kind kind, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      RobotEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && e.kind() == kind) {
        return e;
      }
    }
    throw new AssertionError("no " + kind + " event within " + seconds + " s");
  }

  /** Waits for a telemetry sample newer than the given robot time. */
  static Telemetry telemetryAfter(RobotLink robot, double timeS) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      var t = robot.latest();
      if (t.isPresent() && t.get().timeS() > timeS) {
        return t.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no telemetry after t=" + timeS + " s within 5 s");
  }
}
