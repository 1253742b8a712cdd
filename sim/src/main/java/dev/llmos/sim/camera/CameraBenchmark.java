package dev.llmos.sim.camera;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How many camera frames per second the renderer makes, with and without JPEG encoding, against a
 * live camera's 30 frames per second. Renders the same seeded set of free poses in a packaged
 * arena; warm-up rounds first, then measured rounds alternating the two kinds; reports medians.
 */
public final class CameraBenchmark {
  /** The frame rate of the live camera the simulation stands in for. */
  public static final double LIVE_CAMERA_FPS = 30;

  private static final double FOV_RAD = Math.toRadians(70);
  private static final float JPEG_QUALITY = 0.8f;

  private CameraBenchmark() {}

  /**
   * What one run measured.
   *
   * @param arena the packaged arena rendered
   * @param width image width, pixels
   * @param height image height, pixels
   * @param framesPerRound frames rendered in each measured round
   * @param rounds measured rounds of each kind
   * @param renderFps median frames per second, rendering only
   * @param renderJpegFps median frames per second, rendering and JPEG encoding
   * @param meanJpegBytes mean size of one encoded frame, bytes
   */
  public record Result(
      String arena,
      int width,
      int height,
      int framesPerRound,
      int rounds,
      double renderFps,
      double renderJpegFps,
      double meanJpegBytes) {
    /** Rendering only, as a multiple of a live camera's frame rate. */
    public double renderRatioToLive() {
      return renderFps / LIVE_CAMERA_FPS;
    }

    /** Rendering and encoding, as a multiple of a live camera's frame rate. */
    public double renderJpegRatioToLive() {
      return renderJpegFps / LIVE_CAMERA_FPS;
    }
  }

  /** 320x240 in the office arena, 200 frames a round, 2 warm-up and 7 measured rounds. */
  public static Result run() {
    return run("office", 320, 240, 200, 2, 7);
  }

  /** Runs the benchmark; see the class comment. */
  public static Result run(
      String arenaName, int width, int height, int framesPerRound, int warmupRounds, int rounds) {
    if (framesPerRound < 1 || warmupRounds < 0 || rounds < 1) {
      throw new IllegalArgumentException(
          "need at least one frame a round and one measured round, no negative warm-up");
    }
    Arena arena = ArenaCatalog.loadPackaged(arenaName);
    ArenaGeometry geometry = ArenaGeometry.of(arena);
    CameraRenderer camera =
        new CameraRenderer(geometry, width, height, FOV_RAD, CameraRenderer.DEFAULT_MOUNT_HEIGHT_M);
    List<Pose2d> poses = freePoses(geometry, framesPerRound);
    double[] renderS = new double[rounds];
    double[] jpegS = new double[rounds];
    long[] jpegBytes = new long[1];
    for (int round = -warmupRounds; round < rounds; round++) {
      double r = renderRound(camera, poses);
      double j = jpegRound(camera, poses, jpegBytes);
      if (round >= 0) {
        renderS[round] = r;
        jpegS[round] = j;
      }
    }
    long encodedFrames = (long) (warmupRounds + rounds) * framesPerRound;
    return new Result(
        arenaName,
        width,
        height,
        framesPerRound,
        rounds,
        framesPerRound / median(renderS),
        framesPerRound / median(jpegS),
        (double) jpegBytes[0] / encodedFrames);
  }

  private static double renderRound(CameraRenderer camera, List<Pose2d> poses) {
    int[] pixels = new int[camera.width() * camera.height()];
    long checksum = 0;
    long start = System.nanoTime();
    for (Pose2d pose : poses) {
      camera.render(pose, pixels);
      checksum += pixels[pixels.length / 2];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // Using the pixels keeps the JIT from dropping the work.
    return checksum == Long.MIN_VALUE ? Double.NaN : seconds;
  }

  private static double jpegRound(CameraRenderer camera, List<Pose2d> poses, long[] bytes) {
    long start = System.nanoTime();
    for (Pose2d pose : poses) {
      BufferedImage image = camera.render(pose);
      bytes[0] += CameraRenderer.encodeJpeg(image, JPEG_QUALITY).length;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Camera poses where the robot could stand, from a fixed seed. */
  private static List<Pose2d> freePoses(ArenaGeometry geometry, int count) {
    SplittableRandom random = new SplittableRandom(20261125L);
    Arena arena = geometry.arena();
    List<Pose2d> poses = new ArrayList<>(count);
    while (poses.size() < count) {
      double x = random.nextDouble() * arena.widthM();
      double y = random.nextDouble() * arena.heightM();
      if (geometry.clearance(x, y, 1) > 0.07) {
        Pose2d robot = new Pose2d(x, y, Rotation2d.ofRadians(random.nextDouble() * 2 * Math.PI));
        poses.add(CameraRenderer.mountedOn(robot, CameraRenderer.DEFAULT_FORWARD_OFFSET_M));
      }
    }
    return poses;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
