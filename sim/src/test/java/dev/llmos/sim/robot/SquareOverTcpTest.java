package dev.llmos.sim.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.hal.transport.TcpTransport;
import dev.llmos.sim.world.RobotSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test: a host drives a simulated robot around a 1 m square over real TCP,
 * and the telemetry pose matches the expected corners.
 */
class SquareOverTcpTest {
  /** Position error allowed at each corner: encoder stops and motor ramps, not odometry drift. */
  static final double CORNER_TOLERANCE_M = 0.03;

  /** Heading error allowed at each corner. */
  static final double HEADING_TOLERANCE_RAD = Math.toRadians(3);

  @Test
  void drivesAOneMetreSquareOverTcp() throws Exception {
    try (Simulation sim =
        Simulation.of(
            RobotHarness.openRoom(),
            1,
            7,
            RobotHarness.LIMITS,
            RobotSpec.reference(8),
            Optional.empty())) {
      URI address = URI.create(sim.listenTcp("127.0.0.1", 0).get(0));
      // Twice real time: heartbeats still arrive several times per watchdog timeout.
      sim.start(2.0);
      try (RobotLink robot =
          RobotHarness.link(
              TcpTransport.connect(address.getHost(), address.getPort(), Duration.ofSeconds(2)))) {
        BlockingQueue<RobotEvent> events = RobotHarness.events(robot);
        Pose2d start = RobotHarness.telemetryAfter(robot, 0).pose();
        List<Pose2d> corners = new ArrayList<>();
        for (int side = 0; side < 4; side++) {
          RobotHarness.sendAccepted(robot, new MoveDistance(1.0, 0.25));
          RobotHarness.await(events, RobotEvent.Kind.COMMAND_DONE, 15);
          RobotHarness.sendAccepted(robot, new Rotate(Math.PI / 2, 1.0));
          RobotEvent done = RobotHarness.await(events, RobotEvent.Kind.COMMAND_DONE, 15);
          // Let the wheels come to rest before reading the corner.
          Telemetry t = RobotHarness.telemetryAfter(robot, done.timeS() + 0.2);
          corners.add(t.pose());
        }
        for (int i = 0; i < 4; i++) {
          // Corner i: one metre along, then a quarter turn, i + 1 times.
          Pose2d expected = start;
          for (int k = 0; k <= i; k++) {
            expected =
                expected.transformBy(
                    new dev.llmos.core.geometry.Transform2d(
                        1.0, 0, Rotation2d.ofRadians(Math.PI / 2)));
          }
          Pose2d actual = corners.get(i);
          assertThat(actual.translation().distanceTo(expected.translation()))
              .as("corner %d at %s, expected %s", i + 1, actual, expected)
              .isLessThan(CORNER_TOLERANCE_M * (i + 1));
          assertThat(Rotation2d.wrap(actual.heading().radians() - expected.heading().radians()))
              .as("heading at corner %d", i + 1)
              .isCloseTo(0.0, within(HEADING_TOLERANCE_RAD * (i + 1)));
        }
        Telemetry last = robot.latest().orElseThrow();
        assertThat(last.status().collisions()).isZero();
        assertThat(last.status().emergencyLatched()).isFalse();
      }
    }
  }
}
