package dev.llmos.sim.robot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.hal.command.CaptureFrame;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.protocol.Ack;
import dev.llmos.hal.protocol.CommandMessage;
import dev.llmos.hal.protocol.Frame;
import dev.llmos.hal.protocol.FrameDecoder;
import dev.llmos.hal.protocol.FrameEncoder;
import dev.llmos.hal.protocol.HelloRequest;
import dev.llmos.hal.protocol.Message;
import dev.llmos.hal.protocol.Nack;
import dev.llmos.hal.protocol.NackReason;
import dev.llmos.hal.protocol.TelemetryMessage;
import dev.llmos.hal.transport.Transport;
import dev.llmos.sim.world.RobotSpec;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The robot's side of the protocol, frame by frame, on simulated time driven by the test. */
class RobotProtocolTest {
  private final FrameEncoder encoder = new FrameEncoder();

  @Test
  void aNewHostsCommandIsCarriedOutEvenWithANumberTheOldHostUsed() throws Exception {
    try (Simulation sim = simulation()) {
      SimulatedRobot robot = sim.robots().get(0);
      List<Message> first = new CopyOnWriteArrayList<>();
      Transport old = connect(sim, robot, first);
      old.write(encoder.encode(1, new HelloRequest()));
      old.write(encoder.encode(2, new CommandMessage(new Twist(0.2, 0, 3.0))));
      cycleUntil(sim, () -> first.contains(new Ack(2)), first);
      cycleUntil(sim, () -> robot.body().wheelSpeeds().maxAbsMps() > 0.1);
      old.close();

      // A second host starts numbering from the beginning, as every host does.
      List<Message> second = new CopyOnWriteArrayList<>();
      Transport fresh = connect(sim, robot, second);
      fresh.write(encoder.encode(1, new HelloRequest()));
      fresh.write(encoder.encode(2, new CommandMessage(new Stop())));
      cycleUntil(sim, () -> second.contains(new Ack(2)));
      // Carried out in the cycle that acknowledged it, not left to the old drive's expiry.
      assertThat(robot.body().wheelTargets().maxAbsMps()).isZero();
      fresh.close();
    }
  }

  @Test
  void aResentCommandIsAnsweredAgainButCarriedOutOnce() throws Exception {
    try (Simulation sim = simulation()) {
      SimulatedRobot robot = sim.robots().get(0);
      List<Message> answers = new CopyOnWriteArrayList<>();
      Transport host = connect(sim, robot, answers);
      host.write(encoder.encode(1, new HelloRequest()));
      host.write(encoder.encode(2, new CommandMessage(new Twist(0.2, 0, 0.5))));
      cycleUntil(sim, () -> answers.contains(new Ack(2)));
      sim.runFor(1.0);
      double after = robot.body().pose().xM();
      // The same frame again, as a host resends when an ack is lost: acked, not driven again.
      host.write(encoder.encode(2, new CommandMessage(new Twist(0.2, 0, 0.5))));
      cycleUntil(sim, () -> answers.stream().filter(new Ack(2)::equals).count() >= 2);
      assertThat(answers.stream().filter(new Ack(2)::equals).count())
          .as("%s", answers)
          .isEqualTo(2);
      sim.runFor(1.0);
      assertThat(robot.body().pose().xM()).isEqualTo(after);
      host.close();
    }
  }

  @Test
  void aFrameRequestToARobotWithoutACameraIsRefusedAsUnsupported() throws Exception {
    try (Simulation sim = simulation()) {
      SimulatedRobot robot = sim.robots().get(0);
      List<Message> answers = new CopyOnWriteArrayList<>();
      Transport host = connect(sim, robot, answers);
      host.write(encoder.encode(1, new HelloRequest()));
      host.write(encoder.encode(2, new CommandMessage(new CaptureFrame())));
      cycleUntil(sim, () -> answers.contains(new Nack(2, NackReason.UNSUPPORTED)));
      host.close();
    }
  }

  /**
   * A robot that has been running for a moment, as a powered robot has by the time a host speaks:
   * until its control loop has read the sensors, its reflex refuses motion.
   */
  private static Simulation simulation() {
    Simulation sim =
        Simulation.of(
            RobotHarness.openRoom(),
            1,
            9,
            RobotHarness.LIMITS,
            RobotSpec.reference(8),
            Optional.empty());
    sim.runFor(0.1);
    return sim;
  }

  private static Transport connect(Simulation sim, SimulatedRobot robot, List<Message> answers)
      throws IOException {
    Transport host = sim.connectInProcess(robot.id());
    FrameDecoder decoder = new FrameDecoder((Frame f) -> answers.add(f.message()));
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try {
                int n;
                while ((n = host.read(buffer)) >= 0) {
                  decoder.accept(buffer, 0, n);
                }
              } catch (IOException e) {
                // closed by the test
              }
            });
    reader.setDaemon(true);
    reader.start();
    return host;
  }

  static void cycleUntil(Simulation sim, BooleanSupplier done) throws InterruptedException {
    cycleUntil(sim, done, List.of());
  }

  static void cycleUntil(Simulation sim, BooleanSupplier done, List<Message> seen)
      throws InterruptedException {
    for (int i = 0; i < 2000 && !done.getAsBoolean(); i++) {
      sim.cycle();
      Thread.sleep(1);
    }
    assertThat(done.getAsBoolean())
        .as(
            "reached within 2000 control cycles; the host got %s",
            seen.stream().filter(m -> !(m instanceof TelemetryMessage)).toList())
        .isTrue();
  }
}
