package dev.llmos.runtime.rsa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.kernel.config.RsaPreset;
import dev.llmos.kernel.config.RsaSettings;
import dev.llmos.kernel.config.RsaSettings.FinalSelection;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.llm.chat.ChatModel;
import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.ContentPart;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.Role;
import dev.llmos.llm.chat.TokenUsage;
import dev.llmos.runtime.perception.BoundingBox;
import dev.llmos.runtime.perception.DepthMethod;
import dev.llmos.runtime.perception.Detection;
import dev.llmos.runtime.planner.Escalation;
import dev.llmos.runtime.planner.PlanRequest;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.world.CellState;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// The timeouts only keep a broken planner from hanging the build; nothing here is timed.
@Timeout(60)
class RsaPlannerTest {
  private static final String AGENT_PROMPT =
      "# Seeker\n\nFind the red ball without touching walls.";
  private static final RsaSettings SETTINGS =
      new RsaSettings(0.8, 1024, 0.3, FinalSelection.MAJORITY, Map.of());
  private static final Translation2d ROBOT = new Translation2d(0.5, 1.0);
  private static final Translation2d HOME = new Translation2d(0.3, 0.3);
  private static final JpegImage IMAGE =
      new JpegImage(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3, (byte) 0xff, (byte) 0xd9});
  private static final Detection BALL =
      new Detection(
          "red-ball",
          0.93,
          new BoundingBox(0.45, 0.42, 0.1, 0.13),
          0.61,
          DepthMethod.KNOWN_SIZE,
          0.02);

  /** A fallback that marks its plans, so a test sees which planner answered. */
  private static final List<Translation2d> FALLBACK_PATH =
      List.of(new Translation2d(0.6, 1.0), new Translation2d(0.7, 1.0));

  private static final Planner FALLBACK = request -> Optional.of(FALLBACK_PATH);

  /**
   * A 2 x 2 m map of 10 cm cells with a wall at x 1.0 to 1.1 m from y 0.2 to 1.8 m, free to the
   * west of it where the scans went.
   */
  private static WorldModel walledWorld() {
    WorldModel world = new WorldModel("r1", new GridGeometry(0, 0, 0.1, 20, 20), 0.05);
    RangeSensor east = new RangeSensor(Rotation2d.ZERO, 0.02, 2.0);
    for (int k = 0; k < 2; k++) {
      for (double y = 0.25; y < 1.8; y += 0.1) {
        world.integrateScan(new Pose2d(0.15, y, Rotation2d.ZERO), List.of(east), List.of(0.9), 0);
      }
    }
    world.observeObject("red-ball", new Translation2d(1.6, 1.0), 0.9, 3.0);
    return world;
  }

  private static PlanRequest request(WorldModel world) {
    return new PlanRequest(
            7,
            120,
            ActionKind.PLAN_TO_TARGET,
            Escalation.GOAL_NEEDS_PLAN,
            world,
            ROBOT,
            HOME,
            Optional.of("red-ball"))
        .withVision(Optional.of(IMAGE), List.of(BALL));
  }

  /** A chat model answering each request with a function of it; records every request. */
  private static final class FakeModel implements ChatModel {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final Function<ChatRequest, CompletableFuture<ChatReply>> answer;

    FakeModel(Function<ChatRequest, CompletableFuture<ChatReply>> answer) {
      this.answer = answer;
    }

    @Override
    public CompletableFuture<ChatReply> chat(ChatRequest request) {
      requests.add(request);
      return answer.apply(request);
    }

    @Override
    public String describe() {
      return "fake";
    }

    List<ChatRequest> aggregations() {
      return requests.stream().filter(r -> userText(r).contains("Candidate plans")).toList();
    }

    List<ChatRequest> generations() {
      return requests.stream().filter(r -> !userText(r).contains("Candidate plans")).toList();
    }
  }

  private static CompletableFuture<ChatReply> reply(String text) {
    return CompletableFuture.completedFuture(
        new ChatReply(text, "stop", "fake", new TokenUsage(100, 20), 5, 1));
  }

  private static String plan(double... xy) {
    StringBuilder out = new StringBuilder("{\"waypoints\":[");
    for (int i = 0; i < xy.length; i += 2) {
      out.append(i == 0 ? "" : ",")
          .append(String.format(Locale.ROOT, "{\"x_m\":%s,\"y_m\":%s}", xy[i], xy[i + 1]));
    }
    return out.append("],\"reason\":\"around the wall\"}").toString();
  }

  /** Around the north end of the wall to the ball. */
  private static final String AROUND = plan(0.5, 1.95, 1.5, 1.95, 1.5, 1.0);

  private static String userText(ChatRequest r) {
    return r.messages().get(1).parts().stream()
        .filter(p -> p instanceof ContentPart.Text)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining());
  }

  private static List<JpegImage> userImages(ChatRequest r) {
    return r.messages().get(1).parts().stream()
        .filter(p -> p instanceof ContentPart.Image)
        .map(p -> ((ContentPart.Image) p).image())
        .toList();
  }

  private static RsaPlanner planner(FakeModel model, RsaPreset preset, List<RsaHistory> histories) {
    return new RsaPlanner(
        model,
        preset,
        SETTINGS,
        AGENT_PROMPT,
        11,
        FALLBACK,
        histories::add,
        Duration.ofSeconds(10));
  }

  @Test
  void theWallFixtureHasAWall() {
    WorldModel world = walledWorld();
    assertThat(world.stateAt(new Translation2d(1.05, 1.0))).isEqualTo(CellState.OCCUPIED);
    assertThat(world.stateAt(new Translation2d(0.5, 1.0))).isEqualTo(CellState.FREE);
    assertThat(world.stateAt(new Translation2d(1.05, 1.95))).isEqualTo(CellState.UNKNOWN);
  }

  @Test
  void promptsCarryGoalWorldDetectionsAndTheImageInGenerationAndAggregation() {
    // End points spread 1 m apart, so nothing agrees and every step aggregates.
    AtomicInteger n = new AtomicInteger();
    FakeModel model = new FakeModel(r -> reply(plan(0.5, 0.3 + 0.4 * (n.getAndIncrement() % 4))));
    List<RsaHistory> histories = new ArrayList<>();
    WorldModel world = walledWorld();
    PlanRequest request = request(world);

    planner(model, new RsaPreset("quick", 4, 2, 2, 1.0), histories).plan(request);

    assertThat(model.generations()).hasSize(4);
    assertThat(model.aggregations()).hasSize(8);
    for (ChatRequest r : model.requests) {
      assertThat(r.messages()).hasSize(2);
      assertThat(r.messages().get(0).role()).isEqualTo(Role.SYSTEM);
      String system = ((ContentPart.Text) r.messages().get(0).parts().get(0)).text();
      assertThat(system).startsWith(AGENT_PROMPT).contains("the planner");
      assertThat(r.messages().get(1).role()).isEqualTo(Role.USER);
      assertThat(userImages(r)).containsExactly(IMAGE);
      assertThat(userText(r))
          .contains("plan_to_target")
          .contains("'red-ball'")
          .contains("goal_needs_plan")
          .contains("Robot at (0.50, 1.00) m; home at (0.30, 0.30) m.")
          .contains("Map bounds: x from 0.00 to 2.00 m, y from 0.00 to 2.00 m")
          .contains(world.toText(RsaPlanner.MAP_COLUMNS))
          .contains("- red-ball at (1.60, 1.00) m")
          .contains("\"label\":\"red-ball\"")
          .contains("\"depth_m\":0.61")
          .contains("{\"waypoints\":[{\"x_m\":..,\"y_m\":..},...],\"reason\":\"..\"}");
      assertThat(r.responseFormat()).hasValue(RsaPlanner.PLAN_FORMAT);
      assertThat(r.temperature()).isEqualTo(0.8);
      assertThat(r.maxTokens()).isEqualTo(1024);
    }
    for (ChatRequest r : model.aggregations()) {
      assertThat(userText(r))
          .contains("Plan 1 (passed the map checks): {\"waypoints\":[{\"x_m\":0.50,")
          .contains("Plan 2 ")
          .contains("keep what is right, fix what is wrong");
    }
    // Every call samples with its own seed.
    assertThat(model.requests.stream().map(r -> r.seed().getAsLong()).distinct()).hasSize(12);
    assertThat(histories).hasSize(1);
  }

  @Test
  void invalidPlansAreRejectedWithTheirReasons() {
    List<String> replies =
        List.of(
            plan(1.5, 1.0),
            plan(0.5, 1.5, 2.5, 1.5),
            "I think the robot should go left, then right.",
            "Sure! Here is the plan:\n```json\n" + AROUND + "\n```\nGood luck.",
            plan(1.05, 1.0),
            "{\"waypoints\":[]}");
    AtomicInteger n = new AtomicInteger();
    FakeModel model = new FakeModel(r -> reply(replies.get(n.getAndIncrement())));
    List<RsaHistory> histories = new ArrayList<>();

    Optional<List<Translation2d>> planned =
        planner(model, new RsaPreset("deep", 6, 1, 0, 1.0), histories).plan(request(walledWorld()));

    List<RsaHistory.Member> members = histories.get(0).steps().get(0).members();
    assertThat(members.get(0).invalidReason())
        .isEqualTo(
            "the leg from the robot (0.50, 1.00) to waypoint 1 (1.50, 1.00) crosses a known"
                + " obstacle at (1.05, 1.05)");
    assertThat(members.get(1).invalidReason())
        .isEqualTo(
            "waypoint 2 (2.50, 1.50) is outside the map (x 0.00 to 2.00 m, y 0.00 to 2.00 m)");
    assertThat(members.get(2).invalidReason())
        .isEqualTo(
            "not a plan: no JSON object in the reply: \"I think the robot should go left, then"
                + " right.\"");
    assertThat(members.get(2).summary()).isEqualTo("I think the robot should go left, then right.");
    assertThat(members.get(3).valid()).isTrue();
    assertThat(members.get(3).summary()).isEqualTo("3 waypoints to (1.50, 1.00): around the wall");
    assertThat(members.get(4).invalidReason())
        .isEqualTo("waypoint 1 (1.05, 1.00) is in a known obstacle");
    assertThat(members.get(5).invalidReason())
        .isEqualTo("not a plan: a plan needs 1 to 20 waypoints, got 0");
    assertThat(members).allSatisfy(m -> assertThat(m.tokens()).isEqualTo(120));
    assertThat(planned)
        .hasValue(
            List.of(
                new Translation2d(0.5, 1.95),
                new Translation2d(1.5, 1.95),
                new Translation2d(1.5, 1.0)));
    assertThat(histories.get(0).fallbackUsed()).isFalse();
  }

  @Test
  void stoppingAPlanCancelsTheModelCallsStillOut() throws Exception {
    List<CompletableFuture<ChatReply>> calls = new CopyOnWriteArrayList<>();
    FakeModel model =
        new FakeModel(
            r -> {
              CompletableFuture<ChatReply> never = new CompletableFuture<>();
              calls.add(never);
              return never;
            });
    RsaPlanner planner = planner(model, new RsaPreset("quick", 4, 2, 2, 0.75), new ArrayList<>());
    Thread planning =
        new Thread(
            () -> {
              try {
                planner.plan(request(walledWorld()));
              } catch (RuntimeException e) {
                // Cancelled, as AsyncPlanner's interrupt means it to be.
              }
            });
    planning.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (calls.size() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    planning.interrupt();
    planning.join(TimeUnit.SECONDS.toMillis(5));

    // Left running, each would hold a slot of the client until its own timeout.
    assertThat(calls).hasSize(4).allMatch(CompletableFuture::isCancelled);
  }

  @Test
  void aReplyCutOffAtMaxTokensSaysSo() {
    FakeModel model =
        new FakeModel(
            r ->
                CompletableFuture.completedFuture(
                    new ChatReply(
                        "{\"waypoints\":[{\"x_m\":0.5,", "length", "fake", TokenUsage.NONE, 1, 1)));
    List<RsaHistory> histories = new ArrayList<>();

    planner(model, new RsaPreset("quick", 2, 1, 0, 1.0), histories).plan(request(walledWorld()));

    assertThat(histories.get(0).steps().get(0).members().get(0).invalidReason())
        .isEqualTo(
            "not a plan: the plan was cut short at the token limit (the reply was cut off at"
                + " max_tokens)");
  }

  @Test
  void theFallbackAnswersWhenEveryCallFails() {
    FakeModel model =
        new FakeModel(
            r ->
                CompletableFuture.failedFuture(
                    new ModelException(ModelException.Kind.TIMEOUT, "no reply within 5 s")));
    List<RsaHistory> histories = new ArrayList<>();

    Optional<List<Translation2d>> planned =
        planner(model, new RsaPreset("quick", 4, 2, 2, 0.75), histories)
            .plan(request(walledWorld()));

    assertThat(planned).hasValue(FALLBACK_PATH);
    RsaHistory h = histories.get(0);
    assertThat(h.fallbackUsed()).isTrue();
    assertThat(h.fallbackReason()).isEqualTo("every model call failed (12 calls)");
    assertThat(h.steps().get(0).members().get(0).invalidReason())
        .isEqualTo("call failed: ModelException: no reply within 5 s");
    assertThat(h.finalIndex()).isNull();
  }

  @Test
  void theFallbackAnswersWhenNoValidPlanIsLeft() {
    FakeModel model = new FakeModel(r -> reply(plan(1.5, 1.0)));
    List<RsaHistory> histories = new ArrayList<>();

    Optional<List<Translation2d>> planned =
        planner(model, new RsaPreset("quick", 4, 2, 1, 0.75), histories)
            .plan(request(walledWorld()));

    assertThat(planned).hasValue(FALLBACK_PATH);
    assertThat(histories.get(0).fallbackUsed()).isTrue();
    assertThat(histories.get(0).fallbackReason())
        .startsWith("no valid plan in the last population (first reason: the leg from the robot");
  }

  @Test
  void aFailingFallbackIsStillRecordedAndThrows() {
    FakeModel model = new FakeModel(r -> reply("no"));
    List<RsaHistory> histories = new ArrayList<>();
    Planner broken =
        request -> {
          throw new IllegalStateException("no map");
        };
    RsaPlanner planner =
        new RsaPlanner(
            model,
            new RsaPreset("quick", 2, 1, 0, 1.0),
            SETTINGS,
            AGENT_PROMPT,
            1,
            broken,
            histories::add);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> planner.plan(request(walledWorld())))
        .hasMessage("no map");
    assertThat(histories)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.fallbackUsed()).isTrue();
              assertThat(h.fallbackReason()).contains("the fallback failed too").contains("no map");
            });
  }

  @Test
  void theSwarmPlansFromTheRobotsProposals() {
    FakeModel model = new FakeModel(r -> reply(AROUND));
    List<RsaHistory> histories = new ArrayList<>();
    List<List<Translation2d>> proposals =
        List.of(
            List.of(new Translation2d(0.5, 1.9), new Translation2d(1.5, 1.9)),
            List.of(new Translation2d(1.5, 1.0)),
            List.of(new Translation2d(0.5, 0.1), new Translation2d(1.5, 0.1)));

    Optional<List<Translation2d>> planned =
        planner(model, new RsaPreset("swarm", 3, 3, 1, 1.0), histories)
            .planFrom(request(walledWorld()), proposals);

    assertThat(model.generations()).isEmpty();
    assertThat(model.aggregations()).hasSize(3);
    assertThat(userText(model.aggregations().get(0)))
        .contains("{\"x_m\":0.50,\"y_m\":1.90},{\"x_m\":1.50,\"y_m\":1.90}")
        .contains("(rejected: the leg from the robot (0.50, 1.00) to waypoint 1 (1.50, 1.00)");
    RsaHistory h = histories.get(0);
    assertThat(h.start()).isEqualTo(RsaHistory.GIVEN);
    assertThat(h.steps().get(0).members())
        .extracting(RsaHistory.Member::valid)
        .containsExactly(true, false, true);
    assertThat(planned)
        .hasValue(
            List.of(
                new Translation2d(0.5, 1.95),
                new Translation2d(1.5, 1.95),
                new Translation2d(1.5, 1.0)));
  }

  @Test
  void aRequestWithoutAnImageSendsText() {
    FakeModel model = new FakeModel(r -> reply(AROUND));
    WorldModel world = walledWorld();
    PlanRequest plain =
        new PlanRequest(
            1, 1, ActionKind.PLAN_HOME, Escalation.STUCK, world, ROBOT, HOME, Optional.empty());

    planner(model, new RsaPreset("quick", 2, 1, 0, 1.0), new ArrayList<>()).plan(plain);

    assertThat(model.requests).allSatisfy(r -> assertThat(userImages(r)).isEmpty());
    assertThat(userText(model.requests.get(0)))
        .contains("plan_home: drive back home to (0.30, 0.30) m")
        .contains("Camera detections now (bearing left positive): none")
        .doesNotContain("image of this moment");
  }

  @Test
  void theSameSeedAndRequestRepeatTheRun() {
    List<RsaHistory> first = new ArrayList<>();
    List<RsaHistory> second = new ArrayList<>();
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    FakeModel one = new FakeModel(r -> reply(plan(0.5, 0.3 + 0.4 * (a.getAndIncrement() % 4))));
    FakeModel two = new FakeModel(r -> reply(plan(0.5, 0.3 + 0.4 * (b.getAndIncrement() % 4))));
    RsaPreset preset = new RsaPreset("standard", 4, 2, 2, 1.0);

    planner(one, preset, first).plan(request(walledWorld()));
    planner(two, preset, second).plan(request(walledWorld()));

    assertThat(second.get(0).seed()).isEqualTo(first.get(0).seed());
    assertThat(second.get(0).steps().get(1).subsets())
        .isEqualTo(first.get(0).steps().get(1).subsets());
    assertThat(two.requests.stream().map(r -> r.seed().getAsLong()).toList())
        .isEqualTo(one.requests.stream().map(r -> r.seed().getAsLong()).toList());
  }

  @Test
  void theHistorySerialisesToJsonWithTheDocumentedFields() throws Exception {
    AtomicInteger n = new AtomicInteger();
    FakeModel model =
        new FakeModel(
            r ->
                n.getAndIncrement() == 1
                    ? CompletableFuture.failedFuture(
                        new ModelException(ModelException.Kind.UNREACHABLE, "refused"))
                    : reply(plan(0.5, 0.3 + 0.4 * (n.get() % 3))));
    List<RsaHistory> histories = new ArrayList<>();
    planner(model, new RsaPreset("quick", 4, 2, 2, 1.0), histories).plan(request(walledWorld()));
    ObjectMapper json = new ObjectMapper();

    String text = json.writeValueAsString(histories.get(0));
    JsonNode root = json.readTree(text);

    assertThat(root.fieldNames())
        .toIterable()
        .containsExactly(
            "preset",
            "population",
            "subset",
            "max_steps",
            "consensus_threshold",
            "final_selection",
            "seed",
            "start",
            "steps",
            "stopped_early",
            "final_index",
            "final_summary",
            "final_consensus",
            "calls",
            "failed_calls",
            "total_tokens",
            "fallback_used",
            "fallback_reason",
            "total_latency_ms");
    assertThat(root.get("preset").asText()).isEqualTo("quick");
    assertThat(root.get("final_selection").asText()).isEqualTo("majority");
    assertThat(root.get("start").asText()).isEqualTo("generated");
    assertThat(root.get("fallback_reason").isNull()).isTrue();
    JsonNode step = root.get("steps").get(1);
    assertThat(step.fieldNames())
        .toIterable()
        .containsExactly("index", "subsets", "members", "consensus", "wall_ms");
    assertThat(step.get("subsets")).hasSize(4);
    assertThat(step.get("subsets").get(0)).hasSize(2);
    JsonNode member = root.get("steps").get(0).get("members").get(1);
    assertThat(member.fieldNames())
        .toIterable()
        .containsExactly(
            "index",
            "summary",
            "valid",
            "invalid_reason",
            "latency_ms",
            "tokens",
            "kept_member",
            "aggregation_error");
    assertThat(member.get("valid").asBoolean()).isFalse();
    assertThat(member.get("invalid_reason").asText())
        .isEqualTo("call failed: ModelException: refused");
    assertThat(root.get("steps").get(0).get("members").get(0).get("tokens").asInt()).isEqualTo(120);
    assertThat(json.readValue(text, RsaHistory.class)).isEqualTo(histories.get(0));
  }
}
