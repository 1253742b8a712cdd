package dev.llmos.hal.protocol;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.telemetry.Battery;
import dev.llmos.hal.telemetry.Imu;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Frames encoded and decoded per second for a realistic mix, against what a fleet needs: 20 robots
 * each sending 50 telemetry samples (8 ranges) and receiving 50 twist commands, 50 acks' worth of
 * answers and 10 heartbeats a second, {@value #REQUIRED_FRAMES_PER_S} frames/s in all. The mix
 * follows those proportions. Two warm-up rounds, then the median of five.
 */
public final class ProtocolBenchmark {
  /** 20 robots × (50 telemetry + 50 commands + 50 acks + 10 heartbeats) per second. */
  public static final double REQUIRED_FRAMES_PER_S = 20 * (50 + 50 + 50 + 10);

  private static final int WARMUP_ROUNDS = 2;
  private static final int ROUNDS = 5;
  private static final int READ_CHUNK_BYTES = 256;

  /**
   * One run's figures.
   *
   * @param frames frames per round
   * @param wireBytes the mix's encoded size, bytes
   * @param encodeFramesPerS median encoding rate
   * @param decodeFramesPerS median decoding rate (fed in chunks of 256 bytes)
   * @param encodeMBps median encoding rate in wire megabytes (10⁶ bytes) per second
   * @param decodeMBps median decoding rate in wire megabytes per second
   * @param requiredFramesPerS the bound: {@link #REQUIRED_FRAMES_PER_S}
   */
  public record Result(
      int frames,
      long wireBytes,
      double encodeFramesPerS,
      double decodeFramesPerS,
      double encodeMBps,
      double decodeMBps,
      double requiredFramesPerS) {
    /** How many times faster than needed the encoder is. */
    public double encodeRatio() {
      return encodeFramesPerS / requiredFramesPerS;
    }

    /** How many times faster than needed the decoder is. */
    public double decodeRatio() {
      return decodeFramesPerS / requiredFramesPerS;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "protocol: %d frames (%d wire bytes)%n"
              + "  encode %.0f frames/s, %.1f MB/s, %.0fx the %.0f frames/s needed%n"
              + "  decode %.0f frames/s, %.1f MB/s, %.0fx the %.0f frames/s needed",
          frames,
          wireBytes,
          encodeFramesPerS,
          encodeMBps,
          encodeRatio(),
          requiredFramesPerS,
          decodeFramesPerS,
          decodeMBps,
          decodeRatio(),
          requiredFramesPerS);
    }
  }

  private ProtocolBenchmark() {}

  /** Measures encoding and decoding of {@code frames} frames of the mix drawn with {@code seed}. */
  public static Result run(int frames, long seed) {
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be positive, got " + frames);
    }
    List<Message> mix = mix(frames, new SplittableRandom(seed));
    FrameEncoder encoder = new FrameEncoder();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < mix.size(); i++) {
      byte[] wire = encoder.encode(i & FrameFormat.MAX_SEQ, mix.get(i));
      stream.write(wire, 0, wire.length);
    }
    byte[] wire = stream.toByteArray();

    long[] encodeNs = new long[ROUNDS];
    long[] decodeNs = new long[ROUNDS];
    for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
      long encode = timeEncode(encoder, mix);
      long decode = timeDecode(wire, frames);
      if (round >= 0) {
        encodeNs[round] = encode;
        decodeNs[round] = decode;
      }
    }
    double encodeS = median(encodeNs) / 1e9;
    double decodeS = median(decodeNs) / 1e9;
    return new Result(
        frames,
        wire.length,
        frames / encodeS,
        frames / decodeS,
        wire.length / encodeS / 1e6,
        wire.length / decodeS / 1e6,
        REQUIRED_FRAMES_PER_S);
  }

  private static long timeEncode(FrameEncoder encoder, List<Message> mix) {
    long sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < mix.size(); i++) {
      sink += encoder.encode(i & FrameFormat.MAX_SEQ, mix.get(i)).length;
    }
    long elapsed = System.nanoTime() - start;
    if (sink == 0) {
      throw new IllegalStateException("nothing was encoded");
    }
    return elapsed;
  }

  private static long timeDecode(byte[] wire, int frames) {
    long[] seqSum = new long[1];
    FrameDecoder decoder = new FrameDecoder(f -> seqSum[0] += f.seq());
    long start = System.nanoTime();
    for (int off = 0; off < wire.length; off += READ_CHUNK_BYTES) {
      decoder.accept(wire, off, Math.min(READ_CHUNK_BYTES, wire.length - off));
    }
    long elapsed = System.nanoTime() - start;
    if (decoder.frames() != frames || decoder.totalDrops() != 0) {
      throw new IllegalStateException(
          "decoded "
              + decoder.frames()
              + " of "
              + frames
              + " frames, dropped "
              + decoder.totalDrops());
    }
    return elapsed;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static List<Message> mix(int frames, SplittableRandom random) {
    List<Message> mix = new ArrayList<>(frames);
    for (int i = 0; i < frames; i++) {
      int pick = random.nextInt(160);
      if (pick < 50) {
        mix.add(new TelemetryMessage(telemetry(i, random)));
      } else if (pick < 100) {
        mix.add(
            new CommandMessage(
                new Twist(random.nextDouble(-0.3, 0.3), random.nextDouble(-2, 2), 0.5)));
      } else if (pick < 150) {
        mix.add(new Ack(random.nextInt(FrameFormat.MAX_SEQ + 1)));
      } else {
        mix.add(new Heartbeat(i * 20L));
      }
    }
    return mix;
  }

  private static Telemetry telemetry(int i, SplittableRandom random) {
    List<Double> ranges = new ArrayList<>(8);
    for (int k = 0; k < 8; k++) {
      ranges.add(random.nextDouble(0.02, 2.0));
    }
    return new Telemetry(
        i * 0.02,
        new Pose2d(
            random.nextDouble(-5, 5), random.nextDouble(-5, 5), Rotation2d.ofRadians(i * 0.01)),
        new WheelSpeeds(random.nextDouble(-0.3, 0.3), random.nextDouble(-0.3, 0.3)),
        i * 7L,
        i * 6L,
        ranges,
        new Imu(random.nextDouble(-2, 2), random.nextDouble(-1, 1), random.nextDouble(-1, 1)),
        false,
        List.of(),
        new Battery(3.9, 0.8),
        RobotStatus.IDLE);
  }

  /** Prints one run: {@code [frames [seed]]}, 200000 frames and seed 1 by default. */
  public static void main(String[] args) {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
    System.out.println(run(frames, seed));
  }
}
