package dev.llmos.runtime.world;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.reflex.Reflex;
import dev.llmos.hal.robot.RangeSensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How fast the world model works, in one run on this machine:
 *
 * <ul>
 *   <li>scan integration: one scan of 8 beams of up to 2 m into a 512x512 map of 5 cm cells, from
 *       random poses with random readings (a quarter at maximum range), timed one by one; the p99
 *       as a share of the {@link Reflex#CONTROL_PERIOD_S 10 ms control period} says whether every
 *       tick can afford it;
 *   <li>merge: {@link WorldModel#mergeWith} of a 512x512 map that replaces its previous
 *       contribution (the steady state), against a plain element-wise {@code float} add of two
 *       arrays that size timed in the same run: the ratio is the price of clamping, trust and
 *       provenance.
 * </ul>
 */
public final class WorldBenchmark {
  private static final int SIDE_CELLS = 512;
  private static final double RESOLUTION_M = 0.05;
  private static final int BEAMS = 8;
  private static final double MAX_RANGE_M = 2.0;

  private WorldBenchmark() {}

  /**
   * One run's figures.
   *
   * @param scans scans timed
   * @param scanP50Us median time to integrate one scan, microseconds
   * @param scanP99Us 99th percentile, microseconds
   * @param merges merges timed
   * @param mergeMedianMs median time of one 512x512 merge, milliseconds
   * @param plainAddMedianMs median time of one element-wise add of two 512x512 float arrays, ms
   */
  public record Result(
      int scans,
      double scanP50Us,
      double scanP99Us,
      int merges,
      double mergeMedianMs,
      double plainAddMedianMs) {
    /** The p99 scan's share of one control period. */
    public double scanP99FractionOfControlPeriod() {
      return scanP99Us * 1e-6 / Reflex.CONTROL_PERIOD_S;
    }

    /** How many plain array adds one merge costs. */
    public double mergeToPlainAddRatio() {
      return mergeMedianMs / plainAddMedianMs;
    }
  }

  /** 20 000 scans after 5 000 warm-up, 30 merges and adds after 10 warm-up, seed 1. */
  public static Result run() {
    return run(20_000, 30, 1);
  }

  /** The baseline, in its own method so that it is compiled as the merge is. */
  private static void plainAdd(float[] sum, float[] addend) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += addend[i];
    }
  }

  /** Runs the benchmark; see the class comment. */
  public static Result run(int scans, int merges, long seed) {
    if (scans < 1 || merges < 1) {
      throw new IllegalArgumentException("need at least one scan and one merge to time");
    }
    GridGeometry geometry = new GridGeometry(0, 0, RESOLUTION_M, SIDE_CELLS, SIDE_CELLS);
    List<RangeSensor> sensors = new ArrayList<>();
    for (int i = 0; i < BEAMS; i++) {
      sensors.add(
          new RangeSensor(Rotation2d.ofRadians(2 * Math.PI * i / BEAMS), 0.02, MAX_RANGE_M));
    }
    SplittableRandom random = new SplittableRandom(seed);
    WorldModel world = new WorldModel("bench-a", geometry, 0.1);
    WorldModel other = new WorldModel("bench-b", geometry, 0.1);
    double sideM = SIDE_CELLS * RESOLUTION_M;
    int warmup = Math.max(1, scans / 4);
    long[] scanNs = new long[scans];
    for (int i = -warmup; i < scans; i++) {
      Pose2d pose =
          new Pose2d(
              random.nextDouble(2, sideM - 2),
              random.nextDouble(2, sideM - 2),
              Rotation2d.ofRadians(random.nextDouble(-Math.PI, Math.PI)));
      List<Double> ranges = new ArrayList<>(BEAMS);
      for (int b = 0; b < BEAMS; b++) {
        ranges.add(random.nextInt(4) == 0 ? MAX_RANGE_M : random.nextDouble(0.05, MAX_RANGE_M));
      }
      WorldModel target = (i & 1) == 0 ? world : other;
      long start = System.nanoTime();
      target.integrateScan(pose, sensors, ranges, 0.04);
      long elapsed = System.nanoTime() - start;
      if (i >= 0) {
        scanNs[i] = elapsed;
      }
    }
    Arrays.sort(scanNs);
    int mergeWarmup = 10;
    long[] mergeNs = new long[merges];
    long[] addNs = new long[merges];
    float[] sum = new float[geometry.cellCount()];
    float[] addend = other.ownLayer().clone();
    double checksum = 0;
    for (int i = -mergeWarmup; i < merges; i++) {
      // A new version each time, so every merge replaces the previous contribution.
      other.integrateScan(
          new Pose2d(sideM / 2, sideM / 2, Rotation2d.ZERO),
          sensors.subList(0, 1),
          List.of(1.0),
          0);
      long start = System.nanoTime();
      world.mergeWith(other, 0.8);
      long merged = System.nanoTime();
      plainAdd(sum, addend);
      long added = System.nanoTime();
      checksum += sum[i & 0xFF];
      if (i >= 0) {
        mergeNs[i] = merged - start;
        addNs[i] = added - merged;
      }
    }
    if (Double.isNaN(checksum)) {
      throw new IllegalStateException("the baseline's sum is not a number");
    }
    Arrays.sort(mergeNs);
    Arrays.sort(addNs);
    return new Result(
        scans,
        scanNs[scans / 2] / 1e3,
        scanNs[Math.min(scans - 1, (int) Math.ceil(scans * 0.99) - 1)] / 1e3,
        merges,
        mergeNs[merges / 2] / 1e6,
        addNs[merges / 2] / 1e6);
  }
}
