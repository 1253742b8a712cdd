package dev.llmos.app.cli;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.config.RsaPreset;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.llm.openai.ClientSettings;
import dev.llmos.llm.openai.ModelEndpoint;
import dev.llmos.llm.openai.OpenAiChatClient;
import dev.llmos.llm.openai.ServerPreset;
import dev.llmos.llm.standin.StandInServer;
import dev.llmos.llm.standin.StandInServer.Answer;
import dev.llmos.runtime.instinct.InstinctReply;
import dev.llmos.runtime.instinct.Readings;
import dev.llmos.runtime.instinct.VlmInstinct;
import dev.llmos.runtime.planner.ClassicalPlanner;
import dev.llmos.runtime.planner.Escalation;
import dev.llmos.runtime.planner.PlanRequest;
import dev.llmos.runtime.rsa.RsaHistory;
import dev.llmos.runtime.rsa.RsaPlanner;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.camera.CameraRenderer;
import dev.llmos.sim.geometry.ArenaGeometry;
import dev.llmos.sim.world.RobotSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime LLM's own costs, against a stand-in model server on this host that answers after a
 * fixed latency: what LLMos adds to the model's time, never the model's time itself.
 */
final class ModelBenchmark {
  /** The goal for RSA's wall time against (T+1) model latencies. */
  static final double RSA_GOAL_RATIO = 1.10;

  /** The goal for the VLM instinct's own overhead per frame, milliseconds. */
  static final double INSTINCT_GOAL_MS = 20;

  private ModelBenchmark() {}

  /**
   * RSA wall time against its bound.
   *
   * @param preset the preset measured
   * @param latencyMs the stand-in's latency per request
   * @param runs plans measured
   * @param steps aggregation steps each plan ran (all of them: the stand-in's plans never agree)
   * @param medianMs median wall time of one plan
   * @param maxMs the slowest
   * @param boundMs (T+1) x latency
   */
  record RsaResult(
      RsaPreset preset,
      double latencyMs,
      int runs,
      int steps,
      int callsPerPlan,
      double medianMs,
      double maxMs,
      double boundMs) {
    double ratio() {
      return medianMs / boundMs;
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "rsa %s (N %d, K %d, T %d): %d plans, each %d aggregation steps and %d calls,"
              + " model latency L %.0f ms:%n"
              + "  wall time median %.1f ms, max %.1f ms; bound (T+1)L = %.0f ms;"
              + " median / bound = %.3f (goal <= %.2f)",
          preset.name(),
          preset.population(),
          preset.subset(),
          preset.steps(),
          runs,
          steps,
          callsPerPlan,
          latencyMs,
          medianMs,
          maxMs,
          boundMs,
          ratio(),
          RSA_GOAL_RATIO);
    }
  }

  /**
   * RSA with {@code presetName} against a stand-in answering every request after {@code latency},
   * each answer a different plan so that consensus is never reached and every step runs.
   */
  static RsaResult rsa(String presetName, Duration latency, int runs)
      throws IOException, InterruptedException {
    KernelConfig kernel = KernelConfig.load(VolumeSet.of(SystemVolumes.packaged()));
    RsaPreset preset = kernel.runtime().preset(presetName, 1);
    StandInServer.Responder diverse =
        call ->
            Answer.content(
                    String.format(
                        Locale.ROOT,
                        "{\"waypoints\": [{\"x_m\": 1.0, \"y_m\": 1.0}, {\"x_m\": %.2f, \"y_m\": 3.0}],"
                            + " \"reason\": \"candidate %d\"}",
                        0.5 + (call.index() % 8) * 0.5,
                        call.index()))
                .after(latency);
    WorldModel world = new WorldModel("bench", GridGeometry.covering(0, 0, 5, 5, 0.05), 0.15);
    double[] wallMs = new double[runs];
    int steps = -1;
    int calls = -1;
    try (StandInServer standIn = StandInServer.start(diverse);
        OpenAiChatClient client =
            new OpenAiChatClient(
                ModelEndpoint.of(ServerPreset.LLAMA_CPP, standIn.baseUrl()),
                ClientSettings.DEFAULTS.withMaxConcurrent(preset.population()))) {
      AtomicReference<RsaHistory> last = new AtomicReference<>();
      RsaPlanner planner =
          new RsaPlanner(
              client, preset, kernel.runtime().rsa(), "", 1, new ClassicalPlanner(0.15), last::set);
      // One plan to warm up the JIT and the connections, not counted.
      for (int i = -1; i < runs; i++) {
        PlanRequest request =
            new PlanRequest(
                i + 2,
                0,
                ActionKind.PLAN_TO_FRONTIER,
                Escalation.GOAL_NEEDS_PLAN,
                world,
                new Translation2d(1, 1),
                new Translation2d(1, 1),
                Optional.empty());
        long t0 = System.nanoTime();
        var unused = planner.plan(request);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (i >= 0) {
          wallMs[i] = ms;
          steps = last.get().steps().size() - 1;
          calls = last.get().calls();
          if (last.get().fallbackUsed()) {
            throw new IllegalStateException(
                "RSA fell back to the classical planner: " + last.get().fallbackReason());
          }
        }
      }
    }
    double[] sorted = wallMs.clone();
    Arrays.sort(sorted);
    double latencyMs = latency.toNanos() / 1e6;
    return new RsaResult(
        preset,
        latencyMs,
        runs,
        steps,
        calls,
        sorted[sorted.length / 2],
        sorted[sorted.length - 1],
        (preset.steps() + 1) * latencyMs);
  }

  /**
   * The VLM instinct's own overhead per frame.
   *
   * @param frames frames measured
   * @param jpegP50Ms encoding the rendered frame as JPEG, median
   * @param decideP50Ms building the request, the HTTP round trip to a stand-in that answers at
   *     once, parsing and validating the action, median
   * @param overheadP50Ms the two together, per frame, median
   * @param overheadP99Ms their 99th percentile
   * @param jpegBytes mean JPEG size
   */
  record InstinctResult(
      int frames,
      double jpegP50Ms,
      double decideP50Ms,
      double overheadP50Ms,
      double overheadP99Ms,
      double jpegBytes) {
    String summary() {
      return String.format(
          Locale.ROOT,
          "vlm instinct, %d frames of 320x240 (JPEG ~%.0f bytes), stand-in answering at once:%n"
              + "  JPEG p50 %.2f ms; request + HTTP + parse + validate p50 %.2f ms;%n"
              + "  overhead per frame p50 %.2f ms, p99 %.2f ms; p99 / goal (%.0f ms) = %.3f",
          frames,
          jpegBytes,
          jpegP50Ms,
          decideP50Ms,
          overheadP50Ms,
          overheadP99Ms,
          INSTINCT_GOAL_MS,
          overheadP99Ms / INSTINCT_GOAL_MS);
    }
  }

  static InstinctResult instinct(int frames) throws IOException {
    VolumeSet system = VolumeSet.of(SystemVolumes.packaged());
    KernelConfig kernel = KernelConfig.load(system);
    AgentSpec agent = Catalog.load(system, kernel.settings()).agent("object-seeker").orElseThrow();
    var spec = RobotSpec.REFERENCE_CAMERA;
    CameraRenderer camera =
        new CameraRenderer(
            ArenaGeometry.of(ArenaCatalog.loadPackaged("office")),
            spec,
            CameraRenderer.DEFAULT_MOUNT_HEIGHT_M);
    Readings readings =
        Readings.builder()
            .number(Reading.FRONT_M, 0.8)
            .flag(Reading.BUMPER, false)
            .flag(Reading.TARGET_VISIBLE, true)
            .number(Reading.TARGET_BEARING_RAD, 0.1)
            .number(Reading.TARGET_DISTANCE_M, 1.2)
            .build();
    StandInServer.Responder atOnce =
        StandInServer.Responder.always(
            Answer.content(
                "{\"action\": \"twist\", \"args\": {\"v_mps\": 0.05, \"omega_radps\": 0.8},"
                    + " \"reason\": \"ball left of centre\"}"));
    int warmup = Math.max(20, frames / 5);
    List<Double> jpegMs = new ArrayList<>();
    List<Double> decideMs = new ArrayList<>();
    long bytes = 0;
    try (StandInServer standIn = StandInServer.start(atOnce);
        OpenAiChatClient client =
            new OpenAiChatClient(ModelEndpoint.of(ServerPreset.LLAMA_CPP, standIn.baseUrl()))) {
      VlmInstinct instinct = new VlmInstinct(client, agent, 1.5);
      for (int i = -warmup; i < frames; i++) {
        Pose2d pose = new Pose2d(1 + (i & 7) * 0.2, 1.5, Rotation2d.ofRadians(i * 0.3));
        BufferedImage image = camera.render(pose);
        long t0 = System.nanoTime();
        byte[] jpeg = CameraRenderer.encodeJpeg(image, 0.8f);
        long t1 = System.nanoTime();
        InstinctReply reply =
            instinct
                .decide(new CameraFrame(i, i * 0.1, spec.width(), spec.height(), jpeg), readings)
                .join();
        long t2 = System.nanoTime();
        if (!reply.ok()) {
          throw new IllegalStateException("the stand-in's reply was refused: " + reply.fault());
        }
        if (i >= 0) {
          jpegMs.add((t1 - t0) / 1e6);
          decideMs.add((t2 - t1) / 1e6);
          bytes += jpeg.length;
        }
      }
    }
    double[] overhead = new double[frames];
    for (int i = 0; i < frames; i++) {
      overhead[i] = jpegMs.get(i) + decideMs.get(i);
    }
    Arrays.sort(overhead);
    return new InstinctResult(
        frames,
        median(jpegMs),
        median(decideMs),
        overhead[frames / 2],
        overhead[Math.max(0, (int) Math.ceil(0.99 * frames) - 1)],
        (double) bytes / frames);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
