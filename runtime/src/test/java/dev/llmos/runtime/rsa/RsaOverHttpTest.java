package dev.llmos.runtime.rsa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.config.RuntimePolicy;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.openai.ClientSettings;
import dev.llmos.llm.openai.ModelEndpoint;
import dev.llmos.llm.openai.OpenAiChatClient;
import dev.llmos.llm.openai.ServerPreset;
import dev.llmos.llm.standin.StandInServer;
import dev.llmos.llm.standin.StandInServer.Answer;
import dev.llmos.llm.standin.StandInServer.Call;
import dev.llmos.runtime.planner.ClassicalPlanner;
import dev.llmos.runtime.planner.Escalation;
import dev.llmos.runtime.planner.PlanRequest;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RSA planner through the real client and a real HTTP stand-in: what goes over the wire, and
 * that the requests of one step are in flight together.
 */
class RsaOverHttpTest {
  private static final RuntimePolicy KERNEL =
      KernelConfig.load(VolumeSet.of(SystemVolumes.packaged())).runtime();
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, (byte) 0xff, (byte) 0xd9};

  /** A plan ending somewhere different on each call, so that no step reaches consensus. */
  private static Answer distinctPlan(Call call) {
    return Answer.content(
        String.format(
            Locale.ROOT,
            "{\"waypoints\": [{\"x_m\": %.2f, \"y_m\": 4.0}], \"reason\": \"call %d\"}",
            0.5 + (call.index() % 8) * 0.5,
            call.index()));
  }

  private static PlanRequest request() {
    WorldModel world = new WorldModel("http", GridGeometry.covering(0, 0, 5, 5, 0.05), 0.15);
    return new PlanRequest(
            1,
            0,
            ActionKind.PLAN_TO_FRONTIER,
            Escalation.GOAL_NEEDS_PLAN,
            world,
            new Translation2d(1, 1),
            new Translation2d(1, 1),
            Optional.empty())
        .withVision(Optional.of(new JpegImage(JPEG)), List.of());
  }

  @Test
  void eachStepsRequestsAreInFlightTogetherAndCarryTheImageAndTheKernelsSettings()
      throws Exception {
    var preset = KERNEL.preset("quick", 1);
    StandInServer.Responder slow = call -> distinctPlan(call).after(Duration.ofMillis(300));
    List<RsaHistory> histories = new ArrayList<>();
    try (StandInServer standIn = StandInServer.start(slow);
        OpenAiChatClient client =
            new OpenAiChatClient(
                ModelEndpoint.of(ServerPreset.VLLM, standIn.baseUrl()),
                ClientSettings.DEFAULTS.withMaxConcurrent(16))) {
      String prompt =
          Catalog.load(
                  VolumeSet.of(SystemVolumes.packaged()),
                  KernelConfig.load(VolumeSet.of(SystemVolumes.packaged())).settings())
              .agent("explorer")
              .orElseThrow()
              .document()
              .body();
      RsaPlanner planner =
          new RsaPlanner(
              client, preset, KERNEL.rsa(), prompt, 11, new ClassicalPlanner(0.15), histories::add);

      Optional<List<Translation2d>> plan = planner.plan(request());

      assertThat(plan).isPresent();
      RsaHistory history = histories.get(0);
      assertThat(history.fallbackUsed()).isFalse();
      assertThat(history.stoppedEarly()).isFalse();
      // N generations, then T steps of N aggregations each: (T + 1) N requests.
      List<Call> calls = standIn.calls();
      assertThat(calls).hasSize((preset.steps() + 1) * preset.population());
      assertThat(history.steps()).hasSize(preset.steps() + 1);
      // The stand-in holds each answer 300 ms: the N requests of a step overlapped, and no more
      // than N did, since a step waits for the one before.
      assertThat(standIn.maxInFlight()).isEqualTo(preset.population());
      for (Call call : calls) {
        JsonNode body = call.body();
        assertThat(body.get("temperature").asDouble()).isEqualTo(KERNEL.rsa().temperature());
        assertThat(body.get("max_tokens").asInt()).isEqualTo(KERNEL.rsa().maxTokens());
        assertThat(body.at("/response_format/json_schema/name").asText())
            .isEqualTo("waypoint_plan");
        assertThat(call.imageUrls())
            .singleElement()
            .satisfies(
                url ->
                    assertThat(
                            Base64.getDecoder()
                                .decode(url.substring("data:image/jpeg;base64,".length())))
                        .isEqualTo(JPEG));
        assertThat(call.allText()).contains("Robot at (1.00, 1.00)");
      }
      // Aggregation requests carry K candidates from the step before.
      assertThat(calls.get(preset.population()).allText())
          .contains("Candidate plans from earlier attempts", "Plan " + preset.subset());
      // Every call's seed differs, so the population is a sample, not N copies.
      assertThat(calls.stream().map(c -> c.body().get("seed").asLong()).distinct())
          .hasSize(calls.size());
    }
  }

  @Test
  void garbageAndServerErrorsEndInTheClassicalPlanWithTheHistorySayingWhy() throws Exception {
    var preset = KERNEL.preset("quick", 1);
    StandInServer.Responder bad =
        call ->
            call.index() % 2 == 0
                ? Answer.content("Sure! Here is a plan: go forward, then left.")
                : Answer.status(500, "CUDA out of memory");
    List<RsaHistory> histories = new ArrayList<>();
    try (StandInServer standIn = StandInServer.start(bad);
        OpenAiChatClient client =
            new OpenAiChatClient(
                ModelEndpoint.of(ServerPreset.LLAMA_CPP, standIn.baseUrl()),
                ClientSettings.DEFAULTS
                    .withMaxRetries(0)
                    .withBackoff(Duration.ZERO, Duration.ZERO))) {
      RsaPlanner planner =
          new RsaPlanner(
              client, preset, KERNEL.rsa(), "", 11, new ClassicalPlanner(0.15), histories::add);

      Optional<List<Translation2d>> plan = planner.plan(request());

      assertThat(plan).isEqualTo(new ClassicalPlanner(0.15).plan(request()));
      RsaHistory history = histories.get(0);
      assertThat(history.fallbackUsed()).isTrue();
      assertThat(history.fallbackReason()).isNotBlank();
      assertThat(history.steps().get(0).members())
          .allSatisfy(m -> assertThat(m.valid()).isFalse())
          .anySatisfy(m -> assertThat(m.invalidReason()).contains("no JSON object"))
          .anySatisfy(m -> assertThat(m.invalidReason()).contains("CUDA out of memory"));
    }
  }
}
