package dev.llmos.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.llm.openai.ClientSettings;
import dev.llmos.llm.openai.ModelEndpoint;
import dev.llmos.llm.openai.OpenAiChatClient;
import dev.llmos.llm.openai.ServerPreset;
import dev.llmos.llm.standin.StandInServer;
import dev.llmos.llm.standin.StandInServer.Answer;
import dev.llmos.llm.standin.StandInServer.Call;
import dev.llmos.runtime.blackbox.RunDetails;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.instinct.VlmInstinct;
import dev.llmos.runtime.perception.Detection;
import dev.llmos.runtime.perception.Perception;
import dev.llmos.runtime.perception.VisionFrame;
import dev.llmos.runtime.perception.VlmDetector;
import dev.llmos.runtime.planner.ClassicalPlanner;
import dev.llmos.runtime.rsa.RsaPlanner;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.arena.ArenaGenerator;
import dev.llmos.sim.world.RobotSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime LLM in whole runs: the real client talks HTTP to a stand-in model server, and the
 * object seeker and explorer run in lockstep simulation with VLM vision, the VLM instinct and the
 * RSA planner, the offline defaults taking over where the model's answers are bad.
 */
class RuntimeLlmRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROBOT_AT = Pattern.compile("Robot at \\(([-\\d.]+), ([-\\d.]+)\\)");

  @TempDir Path runs;

  /** Which part of LLMos a request is from, by the schema it asks for. */
  private static String schemaOf(Call call) {
    return call.body().at("/response_format/json_schema/name").asText();
  }

  private static OpenAiChatClient client(StandInServer standIn) {
    return new OpenAiChatClient(
        ModelEndpoint.of(ServerPreset.LLAMA_CPP, standIn.baseUrl()),
        ClientSettings.DEFAULTS.withTimeout(Duration.ofSeconds(10)).withMaxConcurrent(8));
  }

  /**
   * A stand-in VLM that really looks: it decodes the JPEG it was sent and finds the arena's objects
   * in it by colour, answering in Qwen3-VL's grounding format (0-1000 boxes).
   */
  private static Answer looking(Call call, Perception eyes) {
    String url = call.imageUrls().get(0);
    byte[] jpeg = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    var camera = RobotSpec.REFERENCE_CAMERA;
    VisionFrame seen =
        eyes.perceive(new CameraFrame(0, 0, camera.width(), camera.height(), jpeg), camera);
    ObjectNode reply = JSON.createObjectNode();
    ArrayNode objects = reply.putArray("objects");
    for (Detection d : seen.detections()) {
      ObjectNode o = objects.addObject();
      o.put("label", d.label().replace('-', ' '));
      ArrayNode box = o.putArray("bbox_2d");
      box.add(Math.round(d.bbox().x() * 1000));
      box.add(Math.round(d.bbox().y() * 1000));
      box.add(Math.round((d.bbox().x() + d.bbox().width()) * 1000));
      box.add(Math.round((d.bbox().y() + d.bbox().height()) * 1000));
      o.put("confidence", d.confidence());
      if (d.depthM() != null) {
        o.put("depth_m", d.depthM());
      }
    }
    return Answer.content("```json\n" + reply + "\n```");
  }

  private RunSummary seek(
      Arena arena,
      long seed,
      double seconds,
      Perception perception,
      UnaryOperator<AgentRunner> wiring)
      throws Exception {
    return SimulatedRuns.run(
        "object-seeker",
        arena,
        seed,
        seconds,
        runs,
        true,
        Optional.of(perception),
        Optional.empty(),
        OptionalInt.of(1),
        (pace, sim, link) -> pace,
        UnaryOperator.identity(),
        wiring);
  }

  private RunRecording recording(String agent, Arena arena, long seed) throws Exception {
    return RunRecording.read(runs.resolve(agent + "-" + arena.name() + "-" + seed));
  }

  @Test
  void withVlmVisionTheObjectSeekerStillStopsInFrontOfTheBall() throws Exception {
    long seed = 1;
    Arena arena = ArenaGenerator.generate(seed);
    Perception eyes = SimulatedRuns.detector(arena);
    try (StandInServer standIn = StandInServer.start(call -> looking(call, eyes));
        OpenAiChatClient client = client(standIn)) {
      VlmDetector vlm = new VlmDetector(client, List.of("red-ball"), Map.of("red-ball", 0.06), 5);

      RunSummary summary = seek(arena, seed, 180, vlm, UnaryOperator.identity());

      RunRecording run = recording("object-seeker", arena, seed);
      TickRecord last = run.ticks().get(run.ticks().size() - 1);
      Translation2d ball =
          arena.objects().stream()
              .filter(o -> o.label().equals("red-ball"))
              .findFirst()
              .orElseThrow()
              .position();
      assertThat(summary.collisions()).isZero();
      assertThat(ball.distanceTo(new Translation2d(last.xM(), last.yM()))).isLessThan(0.3);
      assertThat(run.events()).noneMatch(e -> e.kind().equals("PERCEPTION_FAILED"));
      // Every frame went to the model as a JPEG data URL, with the grounding schema.
      assertThat(standIn.calls()).hasSizeGreaterThan(100);
      assertThat(standIn.calls())
          .allSatisfy(
              c -> {
                assertThat(schemaOf(c)).isEqualTo("vlm_detections");
                assertThat(c.imageUrls())
                    .singleElement()
                    .asString()
                    .startsWith("data:image/jpeg;base64,");
              });
    }
  }

  @Test
  void garbageFromTheVlmIsAFailedFrameNeverAnAllClear() throws Exception {
    long seed = 3;
    Arena arena = ArenaGenerator.generate(seed);
    try (StandInServer standIn =
            StandInServer.start(StandInServer.Responder.always(Answer.content("I see a room.")));
        OpenAiChatClient client = client(standIn)) {
      VlmDetector vlm = new VlmDetector(client, List.of("red-ball"), Map.of(), 5);

      RunSummary summary = seek(arena, seed, 20, vlm, UnaryOperator.identity());

      RunRecording run = recording("object-seeker", arena, seed);
      assertThat(summary.collisions()).isZero();
      // Said once, when perception started failing, not on every frame.
      assertThat(run.events())
          .filteredOn(e -> e.kind().equals("PERCEPTION_FAILED"))
          .singleElement()
          .satisfies(e -> assertThat(e.message()).contains("vlm:", "failed on frame"));
      // The target's readings are absent, not "not visible": no rule about it applies.
      assertThat(run.ticks()).noneMatch(t -> t.reason().contains("target_visible =="));
      assertThat(summary.ticks()).isEqualTo(200);
    }
  }

  @Test
  void theVlmInstinctDrivesAndTheRulesTakeOverWhenItsRepliesAreBad() throws Exception {
    long seed = 3;
    Arena arena = ArenaGenerator.generate(seed);
    // Every third reply is a valid choice; the others are prose and an unknown action.
    StandInServer.Responder responder =
        call ->
            switch (call.index() % 3) {
              case 0 ->
                  Answer.content(
                      "{\"action\": \"rotate\", \"args\": {\"angle_rad\": 0.4},"
                          + " \"reason\": \"scanning the room\"}");
              case 1 -> Answer.content("The ball is probably behind the sofa.");
              default -> Answer.content("{\"action\": \"fly\", \"args\": {}}");
            };
    try (StandInServer standIn = StandInServer.start(responder);
        OpenAiChatClient client = client(standIn)) {
      VlmInstinct instinct =
          new VlmInstinct(client, SimulatedRuns.shippedAgent("object-seeker"), 1.5);

      RunSummary summary =
          seek(
              arena,
              seed,
              20,
              SimulatedRuns.detector(arena),
              runner -> runner.withVlmInstinct(instinct));

      RunRecording run = recording("object-seeker", arena, seed);
      assertThat(summary.collisions()).isZero();
      assertThat(run.ticks()).anyMatch(t -> t.reason().startsWith("vlm: scanning the room"));
      assertThat(run.ticks())
          .anyMatch(t -> t.reason().startsWith("rules (vlm fallback: invalid: "));
      assertThat(run.events())
          .filteredOn(e -> e.kind().equals("INSTINCT_FALLBACK"))
          .hasSizeGreaterThan(10)
          .anyMatch(e -> e.message().contains("\"fly\" is not an action"));
      Call first = standIn.calls().get(0);
      assertThat(schemaOf(first)).isEqualTo("instinct_action");
      assertThat(first.imageUrls()).singleElement().asString().startsWith("data:image/jpeg");
      assertThat(first.allText()).contains("Goal: seek_object", "front_m = ");
    }
  }

  @Test
  void aLateInstinctLeavesTheTickToTheRules() throws Exception {
    long seed = 3;
    Arena arena = ArenaGenerator.generate(seed);
    StandInServer.Responder slow =
        StandInServer.Responder.always(
            Answer.content("{\"action\": \"stop\", \"args\": {}, \"reason\": \"thinking\"}")
                .after(Duration.ofMillis(400)));
    try (StandInServer standIn = StandInServer.start(slow);
        OpenAiChatClient client = client(standIn)) {
      VlmInstinct instinct =
          new VlmInstinct(client, SimulatedRuns.shippedAgent("object-seeker"), 0.1);

      RunSummary summary =
          seek(arena, seed, 3, SimulatedRuns.detector(arena), r -> r.withVlmInstinct(instinct));

      RunRecording run = recording("object-seeker", arena, seed);
      assertThat(summary.collisions()).isZero();
      assertThat(run.ticks()).noneMatch(t -> t.reason().startsWith("vlm:"));
      assertThat(run.events())
          .filteredOn(e -> e.kind().equals("INSTINCT_FALLBACK"))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.message()).contains("late: "));
      assertThat(run.ticks()).anyMatch(t -> t.reason().startsWith("rules (vlm fallback: late: "));
    }
  }

  /** Answers a plan request with a short step from where the prompt says the robot is. */
  private static Answer stepFromTheRobot(Call call) {
    Matcher m = ROBOT_AT.matcher(call.allText());
    if (!m.find()) {
      return Answer.content("no idea where the robot is");
    }
    double x = Double.parseDouble(m.group(1));
    double y = Double.parseDouble(m.group(2));
    return Answer.content(
        String.format(
            Locale.ROOT,
            "{\"waypoints\": [{\"x_m\": %.2f, \"y_m\": %.2f}], \"reason\": \"a small step\"}",
            x + 0.05,
            y));
  }

  @Test
  void rsaPlansOverHttpGoIntoTheBlackBoxWithTheirWholeHistory() throws Exception {
    Arena office = ArenaCatalog.load("office");
    try (StandInServer standIn = StandInServer.start(RuntimeLlmRunTest::stepFromTheRobot);
        OpenAiChatClient client = client(standIn)) {
      var kernel = SimulatedRuns.kernel().runtime();
      RunDetails details = new RunDetails();
      RsaPlanner rsa =
          new RsaPlanner(
              client,
              kernel.preset("quick", 1),
              kernel.rsa(),
              SimulatedRuns.shippedAgent("explorer").document().body(),
              7,
              new ClassicalPlanner(SimulatedRuns.INFLATION_M),
              history -> details.add("rsa", history));

      RunSummary summary =
          SimulatedRuns.run(
              "explorer",
              office,
              1,
              10,
              runs,
              false,
              Optional.empty(),
              Optional.of(rsa),
              OptionalInt.of(1),
              (pace, sim, link) -> pace,
              UnaryOperator.identity(),
              runner -> runner.recordingDetails(details));

      RunRecording run = recording("explorer", office, 1);
      assertThat(summary.collisions()).isZero();
      assertThat(run.details()).filteredOn(d -> d.kind().equals("rsa")).isNotEmpty();
      JsonNode history = run.details().get(0).data();
      assertThat(history.get("preset").asText()).isEqualTo("quick");
      assertThat(history.get("population").asInt()).isEqualTo(4);
      // Four identical proposals agree at once: consensus 1.0 stops before any aggregation.
      assertThat(history.get("stopped_early").asBoolean()).isTrue();
      assertThat(history.get("steps").get(0).get("consensus").asDouble()).isEqualTo(1.0);
      assertThat(history.get("steps").get(0).get("members")).hasSize(4);
      assertThat(history.get("fallback_used").asBoolean()).isFalse();
      assertThat(run.events())
          .anyMatch(e -> e.kind().equals("PLAN") && e.message().contains("applied"));
      assertThat(run.ticks()).anyMatch(t -> t.brain().equals("planner"));
      assertThat(standIn.calls()).allMatch(c -> schemaOf(c).equals("waypoint_plan"));
    }
  }

  @Test
  void whenTheModelOnlyTalksNonsenseTheClassicalPlannerPlansAndTheHistorySaysWhy()
      throws Exception {
    Arena office = ArenaCatalog.load("office");
    try (StandInServer standIn =
            StandInServer.start(
                StandInServer.Responder.always(Answer.status(503, "loading model")));
        OpenAiChatClient client =
            new OpenAiChatClient(
                ModelEndpoint.of(ServerPreset.LLAMA_CPP, standIn.baseUrl()),
                ClientSettings.DEFAULTS
                    .withTimeout(Duration.ofSeconds(10))
                    .withMaxRetries(1)
                    .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))) {
      var kernel = SimulatedRuns.kernel().runtime();
      RunDetails details = new RunDetails();
      RsaPlanner rsa =
          new RsaPlanner(
              client,
              kernel.preset("quick", 1),
              kernel.rsa(),
              "",
              7,
              new ClassicalPlanner(SimulatedRuns.INFLATION_M),
              history -> details.add("rsa", history));

      RunSummary summary =
          SimulatedRuns.run(
              "explorer",
              office,
              1,
              10,
              runs,
              false,
              Optional.empty(),
              Optional.of(rsa),
              OptionalInt.of(1),
              (pace, sim, link) -> pace,
              UnaryOperator.identity(),
              runner -> runner.recordingDetails(details));

      RunRecording run = recording("explorer", office, 1);
      assertThat(summary.collisions()).isZero();
      JsonNode history = run.details().get(0).data();
      assertThat(history.get("fallback_used").asBoolean()).isTrue();
      assertThat(history.get("fallback_reason").asText()).isNotBlank();
      assertThat(history.get("failed_calls").asInt()).isEqualTo(history.get("calls").asInt());
      // The classical planner's plans were followed all the same.
      assertThat(run.events())
          .anyMatch(e -> e.kind().equals("PLAN") && e.message().contains("applied"));
    }
  }
}
