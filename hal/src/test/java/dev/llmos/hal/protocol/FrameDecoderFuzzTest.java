package dev.llmos.hal.protocol;

import static dev.llmos.hal.protocol.TestFrames.concat;
import static dev.llmos.hal.protocol.TestFrames.wire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.telemetry.Battery;
import dev.llmos.hal.telemetry.Imu;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A million random and mutated frames in random chunkings: the decoder never throws, gives one
 * outcome (a frame or a counted drop) per run between delimiters, finds every intact frame that
 * follows garbage, and never delivers a frame that was not sent.
 */
class FrameDecoderFuzzTest {
  private static final int PIECES = 1_000_000;
  private static final long MARKER_TIME_BASE = 3_000_000_000L;

  private final SplittableRandom random = new SplittableRandom(20_260_101);
  private final FrameEncoder encoder = new FrameEncoder();

  @Test
  void survivesAMillionMutatedFramesAndOnlyEverDeliversFramesThatWereSent() {
    List<Frame> pool = pool();
    Set<Frame> sent = new HashSet<>(pool);
    List<byte[]> wires = new ArrayList<>();
    List<byte[]> frames = new ArrayList<>();
    for (Frame f : pool) {
      wires.add(encoder.encode(f));
      frames.add(encoder.unstuffed(f.seq(), f.message()));
    }

    List<Frame> decoded = new ArrayList<>();
    long[] listenerDrops = new long[1];
    FrameDecoder decoder =
        new FrameDecoder(
            new FrameListener() {
              @Override
              public void onFrame(Frame frame) {
                decoded.add(frame);
              }

              @Override
              public void onDrop(DropReason reason) {
                listenerDrops[0]++;
              }
            });

    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    long runs = 0;
    boolean inRun = false;
    long markers = 0;
    long markersSeen = 0;
    long poolFramesDelivered = 0;
    for (int i = 0; i < PIECES; i++) {
      byte[] piece = mutate(wires, frames, i);
      batch.write(piece, 0, piece.length);
      if (i % 5 == 0) {
        byte[] marker = encoder.encode(i & 0xFFFF, new Heartbeat(MARKER_TIME_BASE + markers));
        markers++;
        batch.write(marker, 0, marker.length);
      }
      if (batch.size() > 1 << 16 || i == PIECES - 1) {
        if (i == PIECES - 1) {
          batch.write(0);
        }
        byte[] bytes = batch.toByteArray();
        batch.reset();
        for (byte b : bytes) {
          if (b == 0) {
            runs += inRun ? 1 : 0;
            inRun = false;
          } else {
            inRun = true;
          }
        }
        feedInRandomChunks(decoder, bytes);
        for (Frame f : decoded) {
          if (f.message() instanceof Heartbeat h && h.hostTimeMs() >= MARKER_TIME_BASE) {
            assertThat(h.hostTimeMs())
                .as("markers arrive in order")
                .isEqualTo(MARKER_TIME_BASE + markersSeen);
            markersSeen++;
          } else {
            assertThat(sent).as("a delivered frame was sent").contains(f);
            poolFramesDelivered++;
          }
        }
        decoded.clear();
      }
    }
    assertThat(markersSeen).as("every intact frame after garbage decodes").isEqualTo(markers);
    assertThat(decoder.frames() + decoder.totalDrops())
        .as("one outcome per run between delimiters")
        .isEqualTo(runs);
    assertThat(decoder.totalDrops()).isEqualTo(listenerDrops[0]);
    assertThat(decoder.frames()).isEqualTo(markersSeen + poolFramesDelivered);
    for (DropReason r : DropReason.values()) {
      assertThat(decoder.drops(r)).as("%s occurs", r).isPositive();
    }
    assertThat(decoder.totalDrops()).isGreaterThan(PIECES / 2);
  }

  private void feedInRandomChunks(FrameDecoder decoder, byte[] bytes) {
    int off = 0;
    while (off < bytes.length) {
      int len = Math.min(bytes.length - off, 1 + random.nextInt(random.nextBoolean() ? 16 : 2048));
      decoder.accept(bytes, off, len);
      off += len;
    }
  }

  private byte[] mutate(List<byte[]> wires, List<byte[]> frames, int i) {
    int pick = random.nextInt(wires.size());
    byte[] w = wires.get(pick);
    return switch (random.nextInt(9)) {
      case 0 -> w;
      case 1 -> {
        byte[] m = w.clone();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield m;
      }
      case 2 -> Arrays.copyOf(w, random.nextInt(w.length));
      case 3 -> {
        byte[] extra = garbage(1 + random.nextInt(8));
        int at = random.nextInt(w.length + 1);
        yield concat(Arrays.copyOf(w, at), extra, Arrays.copyOfRange(w, at, w.length));
      }
      case 4 -> {
        int from = random.nextInt(w.length);
        int to = from + random.nextInt(w.length - from + 1);
        int at = random.nextInt(w.length + 1);
        yield concat(
            Arrays.copyOf(w, at),
            Arrays.copyOfRange(w, from, to),
            Arrays.copyOfRange(w, at, w.length));
      }
      case 5 -> {
        int at = random.nextInt(w.length);
        yield concat(Arrays.copyOf(w, at), Arrays.copyOfRange(w, at + 1, w.length));
      }
      case 6 -> {
        byte[] other = wires.get(random.nextInt(wires.size()));
        yield concat(
            Arrays.copyOf(w, random.nextInt(w.length)),
            Arrays.copyOfRange(other, random.nextInt(other.length), other.length));
      }
      case 7 -> i % 1000 == 7 ? oversizedRun() : garbage(1 + random.nextInt(64));
      default -> sealedButWrong(frames.get(pick));
    };
  }

  /**
   * A frame altered before its CRC is computed, as a faulty sender would: so the checks after the
   * CRC (version, type, opcode, payload) are reached. Each alteration makes the frame invalid,
   * never a different valid message.
   */
  private byte[] sealedButWrong(byte[] frame) {
    int type = frame[1] & 0xFF;
    int seq = (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8;
    byte[] payload = Arrays.copyOfRange(frame, FrameFormat.HEADER_BYTES, frame.length - 4);
    return switch (random.nextInt(4)) {
      case 0 -> wire(TestFrames.frame(2 + random.nextInt(254), type, seq, payload.length, payload));
      case 1 -> wire(TestFrames.frame(0x30 + random.nextInt(0xD0), seq, payload));
      case 2 -> {
        if (type != MessageType.COMMAND.code()) {
          yield wire(TestFrames.frame(0, type, seq, payload.length, payload));
        }
        payload[0] = (byte) (0x0B + random.nextInt(0xF5));
        yield wire(TestFrames.frame(type, seq, payload));
      }
      default -> {
        if (type == MessageType.FRAME_CHUNK.code()) {
          // Chunk data takes any length, so an extra byte would be a valid other chunk.
          yield wire(TestFrames.frame(0, type, seq, payload.length, payload));
        }
        yield wire(TestFrames.frame(type, seq, concat(payload, new byte[] {1})));
      }
    };
  }

  private byte[] oversizedRun() {
    byte[] run = new byte[FrameFormat.MAX_ENCODED_BYTES + random.nextInt(1, 600)];
    for (int k = 0; k < run.length; k++) {
      run[k] = (byte) random.nextInt(1, 256);
    }
    return run;
  }

  private byte[] garbage(int length) {
    byte[] g = new byte[length];
    for (int k = 0; k < length; k++) {
      g[k] = (byte) random.nextInt(256);
    }
    return g;
  }

  /** Valid frames as they come back from the wire (values on the fixed-point grid). */
  private List<Frame> pool() {
    List<Frame> raw = new ArrayList<>(SampleMessages.all().values());
    for (int k = 0; k < 60; k++) {
      int seq = random.nextInt(65536);
      raw.add(
          new Frame(
              seq,
              new CommandMessage(
                  new Twist(
                      random.nextDouble(-1, 1), random.nextDouble(-3, 3), random.nextDouble(5)))));
      raw.add(
          new Frame(
              seq,
              new CommandMessage(
                  new DriveWheels(
                      new WheelSpeeds(random.nextDouble(-1, 1), random.nextDouble(-1, 1)), 1))));
      raw.add(new Frame(seq, new TelemetryMessage(telemetry())));
    }
    List<Frame> pool = new ArrayList<>();
    for (Frame f : raw) {
      TestFrames.Collector c = new TestFrames.Collector();
      new FrameDecoder(c).accept(encoder.encode(f));
      pool.add(c.frames.get(0));
    }
    return pool;
  }

  private Telemetry telemetry() {
    List<Double> ranges = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      ranges.add(random.nextDouble(0, 3));
    }
    return new Telemetry(
        random.nextDouble(1000),
        new Pose2d(random.nextDouble(-5, 5), random.nextDouble(-5, 5), Rotation2d.ofRadians(1)),
        new WheelSpeeds(random.nextDouble(-1, 1), random.nextDouble(-1, 1)),
        random.nextInt(),
        random.nextInt(),
        ranges,
        Imu.AT_REST,
        random.nextBoolean(),
        List.of(),
        new Battery(3.7, random.nextDouble()),
        RobotStatus.IDLE);
  }
}
