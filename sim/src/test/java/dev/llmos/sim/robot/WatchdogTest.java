package dev.llmos.sim.robot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.hal.command.Twist;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.reflex.Reflex;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.transport.Transport;
import dev.llmos.hal.transport.Transports;
import dev.llmos.sim.world.RobotSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test: cut the host link while the robot drives, and the robot stops by
 * itself within the watchdog timeout plus one control cycle.
 */
class WatchdogTest {
  @Test
  void aCutLinkStopsTheRobotWithinTheWatchdogTimeoutPlusOneCycle() throws Exception {
    try (Simulation sim =
        Simulation.of(
            RobotHarness.openRoom(),
            1,
            3,
            RobotHarness.LIMITS,
            RobotSpec.reference(8),
            Optional.empty())) {
      String address = sim.listenTcp("127.0.0.1", 0).get(0);
      sim.start(1.0);
      SimulatedRobot simulated = sim.robots().get(0);
      Transport transport = Transports.open(address, Duration.ofSeconds(2));
      RobotLink robot = RobotHarness.link(transport);
      RobotHarness.telemetryAfter(robot, 0);
      // Five seconds of driving is allowed; the link is cut long before it ends.
      RobotHarness.sendAccepted(robot, new Twist(0.1, 0.2, 5.0));
      Thread.sleep(600);
      assertThat(simulated.body().wheelSpeeds().maxAbsMps()).isGreaterThan(0.05);

      // Pull the plug: no stop command, no goodbye, the bytes just stop.
      transport.close();

      RobotEvent stop = awaitRobotSide(simulated, RobotEvent.Kind.WATCHDOG_STOP, 5);
      double lastHeard = simulated.lastHostFrameS();
      double allowed = RobotHarness.LIMITS.watchdogTimeoutS() + Reflex.CONTROL_PERIOD_S;
      assertThat(stop.timeS() - lastHeard)
          .as("watchdog stop %.3f s after the last host frame", stop.timeS() - lastHeard)
          .isLessThanOrEqualTo(allowed + 1e-9)
          .isGreaterThanOrEqualTo(RobotHarness.LIMITS.watchdogTimeoutS() - 1e-9);
      assertThat(simulated.body().wheelTargets().maxAbsMps()).isZero();
      // The motors brake at their acceleration limit; the robot is at rest soon after.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (simulated.body().wheelSpeeds().maxAbsMps() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(simulated.body().wheelSpeeds().maxAbsMps()).isZero();
      assertThat(simulated.lastTelemetry().orElseThrow().status().watchdogTripped()).isTrue();
      robot.close();
    }
  }

  private static RobotEvent awaitRobotSide(SimulatedRobot robot, RobotEvent.Kind kind, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (RobotEvent e : robot.recentEvents()) {
        if (e.kind() == kind) {
          return e;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the robot reported no " + kind + " within " + seconds + " s");
  }
}
