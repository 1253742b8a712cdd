package dev.llmos.runtime.perception;

import static dev.llmos.runtime.perception.ScriptedChatModel.reply;
import static dev.llmos.runtime.perception.ScriptedChatModel.truncatedReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.llm.chat.ChatMessage;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.ContentPart;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VlmDetectorTest {
  private static final CameraSpec CAMERA = new CameraSpec(320, 240, Math.toRadians(62));
  private static final byte[] JPEG = ScriptedChatModel.jpeg(320, 240);
  private static final CameraFrame FRAME = new CameraFrame(7, 12.5, 320, 240, JPEG);
  private static final List<String> LABELS = List.of("red-ball", "Green Dock");
  private static final Map<String, Double> SIZES = Map.of("red-ball", 0.065);

  private static VlmDetector detector(ScriptedChatModel model) {
    // A still clock: failed calls report 0 ms, whatever the machine's speed.
    return new VlmDetector(model, LABELS, SIZES, 5, VlmDetector.DEFAULT_MAX_TOKENS, () -> 0L);
  }

  private static VisionFrame perceive(String replyText) {
    return detector(ScriptedChatModel.replying(replyText)).perceive(FRAME, CAMERA);
  }

  @Test
  void sendsTheFrameAsAnImagePartWithTheGroundingPromptAndSchema() throws Exception {
    ScriptedChatModel model = ScriptedChatModel.replying("{\"objects\": []}");

    detector(model).perceive(FRAME, CAMERA);

    assertThat(model.requests()).hasSize(1);
    ChatRequest request = model.requests().get(0);
    assertThat(request.messages())
        .extracting(ChatMessage::role)
        .containsExactly(Role.SYSTEM, Role.USER);
    List<ContentPart> parts = request.messages().get(1).parts();
    assertThat(parts.get(0)).isEqualTo(new ContentPart.Image(new JpegImage(JPEG)));
    assertThat(parts.get(1)).isInstanceOf(ContentPart.Text.class);
    String prompt = ((ContentPart.Text) parts.get(1)).text();
    assertThat(prompt)
        .contains(
            "red-ball (about 0.065 m across)", "green-dock", "bbox_2d", "0 to 1000", "depth_m");
    assertThat(request.temperature()).isZero();
    assertThat(request.maxTokens()).isEqualTo(VlmDetector.DEFAULT_MAX_TOKENS);
    assertThat(request.responseFormat()).isPresent();
    JsonNode schema = new ObjectMapper().readTree(request.responseFormat().get().jsonSchema());
    JsonNode object = schema.at("/properties/objects/items");
    assertThat(object.at("/properties/bbox_2d/minItems").asInt()).isEqualTo(4);
    assertThat(object.at("/properties/bbox_2d/items/maximum").asInt()).isEqualTo(1000);
    assertThat(object.get("required"))
        .extracting(JsonNode::asText)
        .containsExactly("label", "bbox_2d", "confidence");
  }

  @Test
  void turnsAReplyIntoNormalisedDetections() {
    VisionFrame frame =
        perceive(
            "{\"objects\": [{\"label\": \"Red Ball\", \"bbox_2d\": [100, 200, 300, 400],"
                + " \"confidence\": 0.8, \"depth_m\": 1.25},"
                + " {\"label\": \"green_dock\", \"bbox_2d\": [600, 700, 900, 1000],"
                + " \"confidence\": 0.9}]}");

    assertThat(frame.failed()).isFalse();
    assertThat(frame.frameId()).isEqualTo(7);
    assertThat(frame.timeS()).isEqualTo(12.5);
    assertThat(frame.imageWidth()).isEqualTo(320);
    assertThat(frame.detector()).isEqualTo("vlm:qwen3-vl-8b");
    assertThat(frame.latencyMs()).isEqualTo(850);
    assertThat(frame.detections())
        .extracting(Detection::label)
        .containsExactly("green-dock", "red-ball");
    Detection ball = frame.detections().get(1);
    assertThat(ball.bbox().x()).isCloseTo(0.1, within(1e-12));
    assertThat(ball.bbox().y()).isCloseTo(0.2, within(1e-12));
    assertThat(ball.bbox().width()).isCloseTo(0.2, within(1e-12));
    assertThat(ball.bbox().height()).isCloseTo(0.2, within(1e-12));
    assertThat(ball.confidence()).isEqualTo(0.8);
    assertThat(ball.depthM()).isEqualTo(1.25);
    assertThat(ball.depthMethod()).isEqualTo(DepthMethod.VLM_ESTIMATE);
    Detection dock = frame.detections().get(0);
    assertThat(dock.depthM()).isNull();
    assertThat(dock.depthMethod()).isNull();
    assertThat(VisionFrame.fromJson(frame.toJson())).isEqualTo(frame);
  }

  @Test
  void anObjectOnTheLeftHasAPositiveBearingAsTheColourDetectorComputesIt() {
    VisionFrame frame =
        perceive(
            "{\"objects\": [{\"label\": \"left\", \"bbox_2d\": [0, 400, 200, 600], \"confidence\": 0.9},"
                + " {\"label\": \"centre\", \"bbox_2d\": [450, 400, 550, 600], \"confidence\": 0.8},"
                + " {\"label\": \"right\", \"bbox_2d\": [750, 400, 1000, 600], \"confidence\": 0.7}]}");

    Detection left = frame.detections().get(0);
    Detection centre = frame.detections().get(1);
    Detection right = frame.detections().get(2);
    assertThat(left.bearingRad()).isPositive();
    assertThat(centre.bearingRad()).isCloseTo(0, within(1e-12));
    assertThat(right.bearingRad()).isNegative();
    assertThat(left.region()).isEqualTo(Region.LEFT);
    // The pinhole of ColourDetector: a column's slope from the axis over the focal length in
    // pixels.
    double focalPx = 320 / 2.0 / Math.tan(CAMERA.horizontalFovRad() / 2);
    assertThat(left.bearingRad()).isCloseTo(Math.atan((160 - 32) / focalPx), within(1e-12));
    // The image edge is half the field of view away.
    assertThat(VlmDetector.bearingRad(0, CAMERA.horizontalFovRad()))
        .isCloseTo(CAMERA.horizontalFovRad() / 2, within(1e-12));
  }

  @Test
  void readsRepliesWrappedInReasoningFencesAndProse() {
    String json =
        "{\"objects\": [{\"label\": \"red-ball\", \"bbox_2d\": [1, 2, 30, 40], \"confidence\": 1}]}";
    List<String> replies =
        List.of(
            "```json\n" + json + "\n```",
            "<think>\nThe ball is at {left}.\n</think>\n" + json,
            "Sure! Here are the objects I found: " + json + " Let me know if you need more.",
            "[{\"label\": \"red ball\", \"bbox_2d\": [1, 2, 30, 40], \"confidence\": 1}]");

    for (String text : replies) {
      VisionFrame frame = perceive(text);

      assertThat(frame.failed()).as(text).isFalse();
      assertThat(frame.detections())
          .as(text)
          .extracting(Detection::label)
          .containsExactly("red-ball");
    }
  }

  @Test
  void fixesSwappedAndSlightlyOutOfRangeCornersAndDropsBoxesOutsideOrDegenerate() {
    VlmDetector detector =
        detector(
            ScriptedChatModel.replying(
                "{\"objects\": ["
                    + "{\"label\": \"swapped\", \"bbox_2d\": [300, 400, 100, 200], \"confidence\": 0.9},"
                    + "{\"label\": \"clamped\", \"bbox_2d\": [-20, 900, 200, 1010], \"confidence\": 0.8},"
                    + "{\"label\": \"outside\", \"bbox_2d\": [1005, 10, 1050, 50], \"confidence\": 0.7},"
                    + "{\"label\": \"flat\", \"bbox_2d\": [100, 100, 300, 100], \"confidence\": 0.7},"
                    + "{\"label\": \"far-out\", \"bbox_2d\": [100, 100, 2000, 300], \"confidence\": 0.7},"
                    + "{\"label\": \"three\", \"bbox_2d\": [100, 100, 300], \"confidence\": 0.7},"
                    + "{\"label\": \"words\", \"bbox_2d\": [\"a\", 100, 300, 400], \"confidence\": 0.7},"
                    + "{\"label\": \"nan\", \"bbox_2d\": [NaN, 100, 300, 400], \"confidence\": 0.7},"
                    + "{\"bbox_2d\": [100, 100, 300, 400], \"confidence\": 0.7},"
                    + "\"just text\"]}"));

    VisionFrame frame = detector.perceive(FRAME, CAMERA);

    assertThat(frame.failed()).isFalse();
    assertThat(frame.detections())
        .extracting(Detection::label)
        .containsExactly("swapped", "clamped");
    assertThat(frame.detections().get(0).bbox()).isEqualTo(new BoundingBox(0.1, 0.2, 0.2, 0.2));
    BoundingBox clamped = frame.detections().get(1).bbox();
    assertThat(clamped.x()).isZero();
    assertThat(clamped.y()).isCloseTo(0.9, within(1e-12));
    assertThat(clamped.y() + clamped.height()).isCloseTo(1, within(1e-12));
    assertThat(detector.droppedBoxes()).isEqualTo(8);

    detector.perceive(FRAME, CAMERA);
    assertThat(detector.droppedBoxes()).isEqualTo(16);
  }

  @Test
  void anInvalidDepthIsNoDepthAndConfidenceIsReadLeniently() {
    VisionFrame frame =
        perceive(
            "{\"objects\": ["
                + "{\"label\": \"a\", \"bbox_2d\": [0, 0, 10, 10], \"confidence\": 95, \"depth_m\": -1},"
                + "{\"label\": \"b\", \"bbox_2d\": [0, 0, 10, 10], \"depth_m\": \"far\"},"
                + "{\"label\": \"c\", \"bbox_2d\": [0, 0, 10, 10], \"confidence\": -3, \"depth_m\": 0},"
                + "{\"label\": \"d\", \"bbox_2d\": [0, 0, 10, 10], \"confidence\": 0.2, \"depth_m\": 1e9}]}");

    assertThat(frame.detections()).extracting(Detection::label).containsExactly("a", "b", "c", "d");
    assertThat(frame.detections())
        .extracting(Detection::confidence)
        .containsExactly(0.95, 0.5, 0.5, 0.2);
    assertThat(frame.detections()).allSatisfy(d -> assertThat(d.depthM()).isNull());
  }

  @Test
  void anEmptyListIsAnAllClear() {
    VisionFrame frame = perceive("{\"objects\": []}");

    assertThat(frame.failed()).isFalse();
    assertThat(frame.detections()).isEmpty();
  }

  @Test
  void aTruncatedReplyKeepsItsWholeObjects() {
    VisionFrame frame =
        detector(
                ScriptedChatModel.replying(
                    truncatedReply(
                        "{\"objects\": [{\"label\": \"red-ball\", \"bbox_2d\": [10, 20, 30, 40],"
                            + " \"confidence\": 0.9}, {\"label\": \"green-dock\", \"bbox_2d\": [600, 7",
                        900)))
            .perceive(FRAME, CAMERA);

    // The green dock was being written when the reply was cut: it may be there, so the frame cannot
    // say it is not.
    assertThat(frame.failed()).isTrue();
    assertThat(frame.error())
        .isEqualTo("reply cut short at the token limit; green-dock may have been in what was cut");

    VisionFrame whole =
        detector(
                ScriptedChatModel.replying(
                    truncatedReply(
                        "{\"objects\": [{\"label\": \"red-ball\", \"bbox_2d\": [10, 20, 30, 40]},"
                            + " {\"label\": \"green-dock\", \"bbox_2d\": [600, 700, 800, 900]},"
                            + " {\"label\": \"cup\", \"bbox_2d\": [1, 2",
                        900)))
            .perceive(FRAME, CAMERA);
    assertThat(whole.failed()).isFalse();
    assertThat(whole.detections())
        .extracting(Detection::label)
        .containsExactlyInAnyOrder("red-ball", "green-dock");
  }

  @Test
  void aTargetWhoseBoxIsUnusableIsAFailureNotAnAllClear() {
    VisionFrame frame =
        perceive(
            "{\"objects\": [{\"label\": \"red ball\", \"bbox_2d\": [100, 200, 1500, 400]},"
                + " {\"label\": \"cup\", \"bbox_2d\": [10, 10, 50, 50]}]}");

    assertThat(frame.failed()).isTrue();
    assertThat(frame.error())
        .isEqualTo("the box given for red-ball was unusable (out of range or malformed)");
  }

  @Test
  void aReplyCutBeforeAnyWholeObjectIsAFailureNotAnAllClear() {
    VisionFrame frame =
        detector(
                ScriptedChatModel.replying(
                    truncatedReply(
                        "{\"objects\": [{\"label\": \"red-ball\", \"bbox_2d\": [10, 2", 900)))
            .perceive(FRAME, CAMERA);

    assertThat(frame.failed()).isTrue();
    assertThat(frame.detections()).isEmpty();
    assertThat(frame.error())
        .startsWith("reply cut short at the token limit before any whole object");
    assertThat(frame.latencyMs()).isEqualTo(900);
  }

  @Test
  void garbageIsAFailedFrameThatQuotesTheReply() {
    VisionFrame prose = perceive("I can see a red ball on the left side of the image.");
    VisionFrame empty = perceive("");
    VisionFrame noList = perceive("{\"answer\": \"a red ball\"}");

    assertThat(prose.failed()).isTrue();
    assertThat(prose.error())
        .isEqualTo(
            "unreadable reply: no JSON object or array in the reply: \"I can see a red ball on the"
                + " left side of the image.\"");
    assertThat(prose.detector()).isEqualTo("vlm:qwen3-vl-8b");
    assertThat(prose.latencyMs()).isEqualTo(850);
    assertThat(empty.error()).isEqualTo("unreadable reply: empty reply");
    assertThat(noList.error())
        .isEqualTo("unreadable reply: no \"objects\" list in {\"answer\":\"a red ball\"}");
    assertThat(List.of(prose, empty, noList)).allSatisfy(f -> assertThat(f.detections()).isEmpty());
  }

  @Test
  void aModelErrorIsAFailedFrame() {
    VisionFrame frame =
        detector(
                ScriptedChatModel.failing(
                    new ModelException(ModelException.Kind.HTTP_ERROR, 503, "overloaded", null)))
            .perceive(FRAME, CAMERA);
    VisionFrame thrown =
        detector(ScriptedChatModel.throwing(new IllegalStateException("client closed")))
            .perceive(FRAME, CAMERA);

    assertThat(frame.failed()).isTrue();
    assertThat(frame.error()).isEqualTo("model error: http_error (HTTP 503): overloaded");
    assertThat(frame.latencyMs()).isZero();
    assertThat(thrown.error())
        .isEqualTo("model error: java.lang.IllegalStateException: client closed");
  }

  @Test
  void noReplyWithinTheTimeoutIsAFailedFrameAndTheCallIsCancelled() {
    ScriptedChatModel model = ScriptedChatModel.silent();
    VlmDetector detector = new VlmDetector(model, LABELS, SIZES, 0.2);

    VisionFrame frame = detector.perceive(FRAME, CAMERA);

    assertThat(frame.failed()).isTrue();
    assertThat(frame.error()).isEqualTo("timeout: no reply within 0.2 s");
    assertThat(frame.latencyMs()).isEqualTo(200);
    CompletableFuture<?> call = model.calls().get(0);
    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
  }

  @Test
  void aReplyArrivingAfterTheTimeoutIsNotWaitedFor() {
    ScriptedChatModel model =
        ScriptedChatModel.replyingAfter(Duration.ofSeconds(30), reply("{\"objects\": []}", 30_000));

    VisionFrame frame = new VlmDetector(model, LABELS, SIZES, 0.2).perceive(FRAME, CAMERA);

    assertThat(frame.failed()).isTrue();
    assertThat(frame.error()).startsWith("timeout:");
  }

  @Test
  void perceivingAsynchronouslyNeverFails() throws Exception {
    CompletableFuture<VisionFrame> seen =
        detector(
                ScriptedChatModel.failing(
                    new ModelException(ModelException.Kind.UNREACHABLE, "refused")))
            .perceiveAsync(FRAME, CAMERA);

    assertThat(seen.get(10, TimeUnit.SECONDS).error())
        .isEqualTo("model error: unreachable: refused");
  }

  @Test
  void refusesFramesThatAreNotTheCamerasOrNotJpeg() {
    VlmDetector detector = detector(ScriptedChatModel.replying("{\"objects\": []}"));

    assertThatThrownBy(() -> detector.perceive(new CameraFrame(1, 0, 160, 120, JPEG), CAMERA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame 1 is 160x120 but the camera is 320x240");
    assertThatThrownBy(
            () ->
                detector.perceive(
                    new CameraFrame(2, 0, 320, 240, new byte[] {1, 2, 3, 4, 5}), CAMERA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame 2: not a JPEG image");
  }

  @Test
  void checksItsConfiguration() {
    ScriptedChatModel model = ScriptedChatModel.replying("{}");

    assertThatThrownBy(() -> new VlmDetector(model, List.of(), Map.of(), 1))
        .hasMessageContaining("at least one label");
    assertThatThrownBy(() -> new VlmDetector(model, List.of("ball"), Map.of("cup", 0.1), 1))
        .hasMessageContaining("size given for cup");
    assertThatThrownBy(() -> new VlmDetector(model, List.of("ball"), Map.of("ball", -0.1), 1))
        .hasMessageContaining("positive metres");
    assertThatThrownBy(() -> new VlmDetector(model, List.of("ball"), Map.of(), 0))
        .hasMessageContaining("timeoutS");
    VlmDetector ok =
        new VlmDetector(model, List.of("Red Ball", "red_ball"), Map.of("RED BALL", 0.06), 1);
    assertThat(ok.labels()).containsExactly("red-ball");
    assertThat(ok.sizesM()).containsEntry("red-ball", 0.06);
  }
}
