package dev.llmos.sim.robot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.hal.command.Twist;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.hal.transport.PseudoTerminalPair;
import dev.llmos.hal.transport.SerialTransport;
import dev.llmos.hal.transport.Transports;
import dev.llmos.sim.world.RobotSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated robot on one end of a real pseudo-terminal pair (socat), the host on the other
 * through jSerialComm: the path an ESP32 on USB serial takes.
 */
class SerialLinkTest {
  @TempDir Path dir;

  @Test
  void aHostDrivesASimulatedRobotOverSerial() throws Exception {
    try (PseudoTerminalPair ptys = PseudoTerminalPair.start(dir);
        Simulation sim =
            Simulation.of(
                RobotHarness.openRoom(),
                1,
                5,
                RobotHarness.LIMITS,
                RobotSpec.reference(8),
                Optional.empty())) {
      SimulatedRobot simulated = sim.robots().get(0);
      simulated.attach(SerialTransport.open(ptys.robotPort(), 115_200));
      sim.start(1.0);
      try (RobotLink robot =
          RobotHarness.link(
              Transports.open("serial://" + ptys.hostPort() + "?baud=115200", Duration.ZERO))) {
        assertThat(robot.capabilities().robotId()).isEqualTo("robot-1");
        assertThat(robot.capabilities().rangeSensors()).hasSize(8);
        Telemetry before = RobotHarness.telemetryAfter(robot, 0);
        RobotHarness.sendAccepted(robot, new Twist(0.2, 0, 1.0));
        Telemetry after = RobotHarness.telemetryAfter(robot, before.timeS() + 1.3);
        double driven = after.pose().xM() - before.pose().xM();
        // One second at 0.2 m/s, less the motor's ramp up and down.
        assertThat(driven).isBetween(0.17, 0.21);
        assertThat(robot.stats().framesDropped()).isZero();
        assertThat(robot.stats().framesReceived()).isGreaterThan(50);
      }
    }
  }
}
