package dev.llmos.sim.robot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.protocol.CommandMessage;
import dev.llmos.hal.protocol.Frame;
import dev.llmos.hal.protocol.FrameDecoder;
import dev.llmos.hal.protocol.FrameEncoder;
import dev.llmos.hal.protocol.FrameFormat;
import dev.llmos.hal.protocol.Heartbeat;
import dev.llmos.hal.protocol.Hello;
import dev.llmos.hal.protocol.HelloRequest;
import dev.llmos.hal.protocol.Message;
import dev.llmos.hal.transport.Transport;
import dev.llmos.sim.world.RobotSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Corrupt input reaches a simulated robot through its real reader: random bytes and motion commands
 * with damaged bytes. Nothing of it moves a motor, every bit is dropped and counted, and the link
 * still understands the next intact frame.
 */
class CorruptInputTest {
  private static final int DAMAGED_FRAMES = 100_000;

  @Test
  void corruptFramesNeverMoveAMotorAndTheLinkResynchronises() throws Exception {
    try (Simulation sim =
        Simulation.of(
            RobotHarness.openRoom(),
            1,
            11,
            RobotHarness.LIMITS,
            RobotSpec.reference(8),
            Optional.empty())) {
      SimulatedRobot robot = sim.robots().get(0);
      Transport host = sim.connectInProcess(robot.id());
      List<Message> answers = new CopyOnWriteArrayList<>();
      startReading(host, answers);
      FrameEncoder encoder = new FrameEncoder();
      // Speak once, so the watchdog is armed and would release a real command.
      host.write(encoder.encode(1, new HelloRequest()));
      cycleUntil(sim, () -> answers.stream().anyMatch(Hello.class::isInstance));

      SplittableRandom random = new SplittableRandom(42);
      List<byte[]> motions = motions(encoder);
      int seq = 2;
      for (int sent = 0; sent < DAMAGED_FRAMES; ) {
        byte[] batch = damagedBatch(random, motions, 200);
        host.write(batch);
        host.write(encoder.encode(seq++ & 0xFFFF, new Heartbeat(sent)));
        sent += 200;
        sim.cycle();
        assertThat(robot.body().wheelTargets().maxAbsMps()).isZero();
        assertThat(robot.body().wheelSpeeds().maxAbsMps()).isZero();
      }
      // The reader is alive and in step: an intact command still works after all of that.
      answers.clear();
      host.write(encoder.encode(seq & 0xFFFF, new CommandMessage(new Twist(0.1, 0, 0.5))));
      cycleUntil(sim, () -> robot.body().wheelSpeeds().maxAbsMps() > 0.05);
      assertThat(robot.droppedInput()).isGreaterThanOrEqualTo(DAMAGED_FRAMES / 2);
      host.close();
    }
  }

  /** Every kind of motion command, intact, as the raw material for damage. */
  private static List<byte[]> motions(FrameEncoder encoder) {
    List<byte[]> frames = new ArrayList<>();
    frames.add(encoder.encode(7, new CommandMessage(new Twist(0.3, 1.0, 2.0))));
    frames.add(
        encoder.encode(8, new CommandMessage(new DriveWheels(new WheelSpeeds(0.3, 0.3), 2.0))));
    frames.add(encoder.encode(9, new CommandMessage(new MoveDistance(1.0, 0.3))));
    frames.add(encoder.encode(10, new CommandMessage(new Rotate(3.0, 2.0))));
    return frames;
  }

  /** Random bytes, and motion frames with one to three bytes changed, cut short or spliced. */
  private static byte[] damagedBatch(SplittableRandom random, List<byte[]> motions, int frames) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < frames; i++) {
      byte[] frame = motions.get(random.nextInt(motions.size())).clone();
      switch (random.nextInt(4)) {
        case 0 -> {
          byte[] noise = new byte[random.nextInt(1, 80)];
          random.nextBytes(noise);
          out.writeBytes(noise);
          continue;
        }
        case 1 -> {
          // Damage inside the frame, never the delimiters, so each damaged frame stays one frame.
          for (int k = random.nextInt(1, 4); k > 0; k--) {
            int at = random.nextInt(1, frame.length - 1);
            frame[at] = (byte) (frame[at] ^ (1 + random.nextInt(255)));
            if (frame[at] == FrameFormat.DELIMITER) {
              frame[at] = 1;
            }
          }
        }
        case 2 -> frame = java.util.Arrays.copyOf(frame, random.nextInt(2, frame.length - 1));
        default -> {
          byte[] other = motions.get(random.nextInt(motions.size()));
          int cut = random.nextInt(2, frame.length - 2);
          byte[] spliced = java.util.Arrays.copyOf(frame, cut + other.length - cut);
          System.arraycopy(other, cut, spliced, cut, other.length - cut);
          frame = spliced;
        }
      }
      byte[] damaged = frame;
      if (motions.stream().anyMatch(intact -> java.util.Arrays.equals(intact, damaged))) {
        // Damage that cancelled out (a splice of equal tails, a byte flipped back) is no damage.
        continue;
      }
      out.writeBytes(frame);
      out.write(FrameFormat.DELIMITER);
    }
    return out.toByteArray();
  }

  private static void startReading(Transport host, List<Message> answers) {
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
              } catch (java.io.IOException e) {
                // closed at the end of the test
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  private static void cycleUntil(Simulation sim, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    for (int i = 0; i < 2000 && !done.getAsBoolean(); i++) {
      sim.cycle();
      Thread.sleep(1);
    }
    assertThat(done.getAsBoolean()).as("condition reached within 2000 cycles").isTrue();
  }
}
