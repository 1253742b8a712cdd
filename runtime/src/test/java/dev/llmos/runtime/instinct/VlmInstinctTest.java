package dev.llmos.runtime.instinct;

import static dev.llmos.runtime.perception.ScriptedChatModel.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.ContentPart;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.Role;
import dev.llmos.llm.chat.TokenUsage;
import dev.llmos.runtime.instinct.InstinctReply.FaultKind;
import dev.llmos.runtime.perception.ScriptedChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VlmInstinctTest {
  private static final byte[] JPEG = ScriptedChatModel.jpeg(320, 240);
  private static final CameraFrame FRAME = new CameraFrame(4, 2.5, 320, 240, JPEG);
  private static final Readings READINGS =
      Readings.builder()
          .number(Reading.FRONT_M, 0.84)
          .flag(Reading.BUMPER, false)
          .flag(Reading.TARGET_VISIBLE, true)
          .number(Reading.TARGET_BEARING_RAD, 0.3)
          .build();

  private static AgentSpec seeker;
  private static AgentSpec analyst;

  @BeforeAll
  static void loadShippedAgents() {
    VolumeSet volumes = VolumeSet.of(SystemVolumes.packaged());
    Catalog catalog = Catalog.load(volumes, KernelConfig.load(volumes).settings());
    seeker =
        catalog.agents().stream()
            .filter(a -> a.name().equals("object-seeker"))
            .findFirst()
            .orElseThrow();
    analyst =
        catalog.agents().stream()
            .filter(a -> a.name().equals("vision-analyst"))
            .findFirst()
            .orElseThrow();
  }

  private static VlmInstinct instinct(ScriptedChatModel model) {
    // A still clock: the latency is the reply's own, whatever the machine's speed.
    return new VlmInstinct(model, seeker, 1.5, VlmInstinct.DEFAULT_MAX_TOKENS, () -> 0L);
  }

  private static InstinctReply decide(ScriptedChatModel model) throws Exception {
    CompletableFuture<InstinctReply> decided = instinct(model).decide(FRAME, READINGS);
    return decided.get(10, TimeUnit.SECONDS);
  }

  private static InstinctReply decide(String replyText) throws Exception {
    return decide(ScriptedChatModel.replying(replyText));
  }

  private static void assertInvalid(String replyText, String message) throws Exception {
    InstinctReply r = decide(replyText);

    assertThat(r.ok()).as(replyText).isFalse();
    assertThat(r.action()).as(replyText).isEmpty();
    assertThat(r.fault().orElseThrow().kind()).as(replyText).isEqualTo(FaultKind.INVALID);
    assertThat(r.fault().orElseThrow().message()).as(replyText).isEqualTo(message);
  }

  @Test
  void asksWithTheFrameTheAgentsPromptTheReadingsTheRulesAndTheSchema() throws Exception {
    ScriptedChatModel model = ScriptedChatModel.replying("{\"action\": \"stop\", \"args\": {}}");

    decide(model);

    ChatRequest request = model.requests().get(0);
    assertThat(request.messages().get(0).role()).isEqualTo(Role.SYSTEM);
    String system = ((ContentPart.Text) request.messages().get(0).parts().get(0)).text();
    assertThat(system).isEqualTo(seeker.document().body().strip());
    List<ContentPart> parts = request.messages().get(1).parts();
    assertThat(parts.get(0)).isEqualTo(new ContentPart.Image(new JpegImage(JPEG)));
    String text = ((ContentPart.Text) parts.get(1)).text();
    assertThat(text)
        .contains(
            "Goal: seek_object. Target: red-ball.",
            "front_m = 0.84 (range straight ahead, metres)",
            "bumper = false",
            "target_visible = true",
            "target_bearing_rad = 0.3",
            "approach_mps = 0.15",
            "1. if bumper == true and rear_m > rear_clear_m then backward(backoff_mps)",
            "if always then plan_to_target()",
            "- twist(v_mps, omega_radps): ",
            "- plan_home(): ",
            "\"args\": {\"v_mps\": 0.1, \"omega_radps\": 0.5}")
        .doesNotContain("set_led", "rear_m = ");
    assertThat(request.temperature()).isZero();
    JsonNode schema =
        new ObjectMapper().readTree(request.responseFormat().orElseThrow().jsonSchema());
    assertThat(schema.at("/properties/action/enum"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "forward",
            "backward",
            "rotate",
            "twist",
            "stop",
            "follow_plan",
            "plan_to_frontier",
            "plan_to_target",
            "plan_home");
    assertThat(schema.at("/properties/args/properties/v_mps/maximum").asDouble()).isEqualTo(1);
    assertThat(schema.get("required"))
        .extracting(JsonNode::asText)
        .containsExactly("action", "args", "reason");
  }

  @Test
  void aValidReplyIsItsAction() throws Exception {
    InstinctReply r =
        decide(
            "{\"action\": \"twist\", \"args\": {\"v_mps\": 0.1, \"omega_radps\": 0.5},"
                + " \"reason\": \"ball left of centre\"}");

    assertThat(r.ok()).isTrue();
    assertThat(r.fault()).isEmpty();
    assertThat(r.action()).contains(new ResolvedAction(ActionKind.TWIST, List.of(0.1, 0.5)));
    assertThat(r.reason()).isEqualTo("ball left of centre");
    assertThat(r.latencyMs()).isEqualTo(850);
    assertThat(r.tokens()).isEqualTo(ScriptedChatModel.TOKENS);
  }

  @Test
  void readsActionsLeniently() throws Exception {
    assertThat(
            decide(
                    "<think>The ball is {left}.</think>\n```json\n{\"action\": \"rotate\","
                        + " \"args\": {\"angle_rad\": -0.785}, \"reason\": \"look right\",}\n```")
                .action())
        .contains(new ResolvedAction(ActionKind.ROTATE, List.of(-0.785)));
    assertThat(decide("{\"action\": \"stop\"}").action())
        .contains(new ResolvedAction(ActionKind.STOP, List.of()));
    assertThat(decide("{\"action\": \"Plan_To_Target()\", \"args\": null}").action())
        .contains(new ResolvedAction(ActionKind.PLAN_TO_TARGET, List.of()));
    // The shipped agents' prompts ask for a list in the parameters' order.
    assertThat(decide("{\"action\": \"twist\", \"args\": [0.05, 0.8], \"reason\": \"x\"}").action())
        .contains(new ResolvedAction(ActionKind.TWIST, List.of(0.05, 0.8)));
    // Cut at the token limit after the action: the reason is what was written of it.
    InstinctReply cut =
        decide("{\"action\": \"forward\", \"args\": {\"v_mps\": 0.15}, \"reason\": \"clear ah");
    assertThat(cut.action()).contains(new ResolvedAction(ActionKind.FORWARD, List.of(0.15)));
    assertThat(cut.reason()).isEqualTo("clear ah");
  }

  @Test
  void anUnknownOrDisallowedActionIsInvalid() throws Exception {
    String allowed =
        "forward, backward, rotate, twist, stop, follow_plan, plan_to_frontier, plan_to_target,"
            + " plan_home";
    assertInvalid(
        "{\"action\": \"fly\", \"args\": {}}",
        "invalid: action \"fly\" is not an action; one of " + allowed);
    assertInvalid(
        "{\"action\": \"set_led\", \"args\": {\"red\": 1, \"green\": 2, \"blue\": 3}}",
        "invalid: action \"set_led\" is not allowed here; one of " + allowed);
    assertInvalid("{\"args\": {}, \"reason\": \"?\"}", "invalid: action is missing");
    assertInvalid(
        "{\"action\": 3}", "invalid: action must be a string naming one of " + allowed + ", got 3");
  }

  @Test
  void missingOrExtraArgumentsAreInvalid() throws Exception {
    assertInvalid(
        "{\"action\": \"twist\", \"args\": {\"v_mps\": 0.1}}",
        "invalid: args.omega_radps is missing (twist(v_mps, omega_radps))");
    assertInvalid(
        "{\"action\": \"forward\", \"args\": {\"v_mps\": 0.1, \"omega_radps\": 0.2}}",
        "invalid: args.omega_radps is not a parameter of forward(v_mps)");
    assertInvalid(
        "{\"action\": \"stop\", \"args\": {\"v_mps\": 0}}",
        "invalid: args.v_mps is not a parameter of stop()");
    assertInvalid(
        "{\"action\": \"forward\"}", "invalid: args is missing; forward(v_mps) takes [v_mps]");
    assertInvalid(
        "{\"action\": \"twist\", \"args\": [0.1]}",
        "invalid: args has 1 values but twist(v_mps, omega_radps) takes 2");
    assertInvalid(
        "{\"action\": \"forward\", \"args\": \"fast\"}",
        "invalid: args must be an object of forward(v_mps)'s parameters, got \"fast\"");
    // A number cut at the token limit is not guessed at.
    assertInvalid(
        "{\"action\": \"forward\", \"args\": {\"v_mps\": 0.1",
        "invalid: args.v_mps is missing (forward(v_mps))");
  }

  @Test
  void nonNumbersAndNonFiniteNumbersAreInvalid() throws Exception {
    assertInvalid(
        "{\"action\": \"forward\", \"args\": {\"v_mps\": \"fast\"}}",
        "invalid: args.v_mps must be a number, got \"fast\"");
    assertInvalid(
        "{\"action\": \"rotate\", \"args\": {\"angle_rad\": NaN}}",
        "invalid: args.angle_rad must be finite, got NaN");
    assertInvalid(
        "{\"action\": \"twist\", \"args\": [0.1, 1e400]}",
        "invalid: args[1] (omega_radps) must be finite, got Infinity");
  }

  @Test
  void numbersBeyondTheSanityBoundsAreInvalid() throws Exception {
    assertInvalid(
        "{\"action\": \"forward\", \"args\": {\"v_mps\": 1.5}}",
        "invalid: args.v_mps = 1.5 m/s is beyond the ±1.0 m/s bound");
    assertInvalid(
        "{\"action\": \"twist\", \"args\": {\"v_mps\": -1.01, \"omega_radps\": 0}}",
        "invalid: args.v_mps = -1.01 m/s is beyond the ±1.0 m/s bound");
    assertInvalid(
        "{\"action\": \"twist\", \"args\": {\"v_mps\": 0.1, \"omega_radps\": -6.5}}",
        "invalid: args.omega_radps = -6.5 rad/s is beyond the ±6.0 rad/s bound");
    assertInvalid(
        "{\"action\": \"rotate\", \"args\": {\"angle_rad\": 7}}",
        "invalid: args.angle_rad = 7.0 rad is beyond the ±2π rad bound");
    assertInvalid(
        "{\"action\": \"backward\", \"args\": {\"v_mps\": -0.1}}",
        "invalid: args.v_mps must be 0 or more for backward (the action gives the direction),"
            + " got -0.1");
    // The bounds themselves are allowed.
    assertThat(decide("{\"action\": \"rotate\", \"args\": {\"angle_rad\": -6.283}}").ok()).isTrue();
    assertThat(
            decide("{\"action\": \"twist\", \"args\": {\"v_mps\": -1, \"omega_radps\": 6}}").ok())
        .isTrue();
  }

  @Test
  void garbageIsInvalidAndQuotesTheReply() throws Exception {
    assertInvalid(
        "I would turn left towards the ball.",
        "invalid: reply is not JSON: no JSON object in the reply: \"I would turn left towards the"
            + " ball.\"");
    assertInvalid("", "invalid: reply is not JSON: empty reply");
  }

  @Test
  void aReplyOverTheBudgetIsLateEvenWhenValid() throws Exception {
    InstinctReply r =
        decide(
            ScriptedChatModel.replying(
                reply("{\"action\": \"stop\", \"args\": {}, \"reason\": \"wall\"}", 1900)));

    assertThat(r.ok()).isFalse();
    assertThat(r.action()).isEmpty();
    assertThat(r.fault().orElseThrow().kind()).isEqualTo(FaultKind.LATE);
    assertThat(r.fault().orElseThrow().message()).isEqualTo("late: 1.9 s over the 1.5 s budget");
    assertThat(r.reason()).isEqualTo("wall");
    assertThat(r.latencyMs()).isEqualTo(1900);
    assertThat(r.tokens()).isEqualTo(ScriptedChatModel.TOKENS);
    // Late wins over invalid: the controller would not use it either way.
    assertThat(
            decide(ScriptedChatModel.replying(reply("{\"action\": \"fly\"}", 2000)))
                .fault()
                .orElseThrow()
                .kind())
        .isEqualTo(FaultKind.LATE);
  }

  @Test
  void noReplyWithinTheBudgetIsLateAndTheCallIsCancelled() throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.replyingAfter(
            Duration.ofSeconds(30), reply("{\"action\": \"stop\", \"args\": {}}", 30_000));

    InstinctReply r =
        new VlmInstinct(model, seeker, 0.2).decide(FRAME, READINGS).get(10, TimeUnit.SECONDS);

    assertThat(r.fault().orElseThrow().message())
        .isEqualTo("late: no reply within the 0.2 s budget");
    assertThat(r.latencyMs()).isEqualTo(200);
    assertThat(r.tokens()).isEqualTo(TokenUsage.NONE);
    CompletableFuture<?> call = model.calls().get(0);
    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
  }

  @Test
  void aModelErrorIsAMissingReply() throws Exception {
    InstinctReply failed =
        decide(
            ScriptedChatModel.failing(
                new ModelException(ModelException.Kind.HTTP_ERROR, 503, "overloaded", null)));
    InstinctReply thrown = decide(ScriptedChatModel.throwing(new IllegalStateException("closed")));
    InstinctReply notAnImage =
        instinct(ScriptedChatModel.replying("{}"))
            .decide(new CameraFrame(9, 0, 320, 240, new byte[] {1, 2, 3, 4}), READINGS)
            .get(10, TimeUnit.SECONDS);

    assertThat(failed.fault().orElseThrow().message())
        .isEqualTo("missing: http_error (HTTP 503): overloaded");
    assertThat(failed.tokens()).isEqualTo(TokenUsage.NONE);
    assertThat(failed.reason()).isEmpty();
    assertThat(thrown.fault().orElseThrow().message())
        .isEqualTo("missing: java.lang.IllegalStateException: closed");
    assertThat(notAnImage.fault().orElseThrow().message())
        .startsWith("missing: frame 9 cannot be sent: not a JPEG image");
  }

  @Test
  void neverCompletesExceptionally() {
    List<ScriptedChatModel> models =
        List.of(
            ScriptedChatModel.failing(new ModelException(ModelException.Kind.TIMEOUT, "slow")),
            ScriptedChatModel.throwing(new IllegalStateException("x")),
            ScriptedChatModel.replying("}{]["));
    for (ScriptedChatModel model : models) {
      CompletableFuture<InstinctReply> decided = instinct(model).decide(FRAME, READINGS);

      assertThat(decided).succeedsWithin(Duration.ofSeconds(10));
    }
  }

  @Test
  void needsADrivingAgentAndAPositiveBudget() {
    ScriptedChatModel model = ScriptedChatModel.replying("{}");

    assertThatThrownBy(() -> new VlmInstinct(model, analyst, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vision-analyst has no runtime block");
    assertThatThrownBy(() -> new VlmInstinct(model, seeker, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencyBudgetS");
  }

  @Test
  void aReplyHasAnActionExactlyWhenItHasNoFault() {
    ResolvedAction stop = new ResolvedAction(ActionKind.STOP, List.of());

    assertThatThrownBy(
            () ->
                new InstinctReply(
                    Optional.of(stop),
                    "",
                    Optional.of(new InstinctReply.Fault(FaultKind.LATE, "1.9 s")),
                    1,
                    TokenUsage.NONE))
        .hasMessageContaining("exactly when");
    assertThat(InstinctReply.of(stop, "r", 1, TokenUsage.NONE).ok()).isTrue();
    assertThat(
            InstinctReply.faulted(FaultKind.MISSING, "refused", "", 0, TokenUsage.NONE)
                .fault()
                .orElseThrow()
                .toString())
        .isEqualTo("missing: refused");
  }
}
