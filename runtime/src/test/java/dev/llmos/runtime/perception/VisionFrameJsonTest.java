package dev.llmos.runtime.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisionFrameJsonTest {
  private static final Detection BALL =
      new Detection(
          "red-ball",
          0.9,
          new BoundingBox(0.45, 0.4, 0.1, 0.125),
          0.61,
          DepthMethod.KNOWN_SIZE,
          0.02);
  private static final Detection UNSURE =
      new Detection("dock", 0.4, new BoundingBox(0.7, 0.6, 0.3, 0.1), null, null, -0.3);
  private static final VisionFrame FRAME =
      new VisionFrame(12, 3.4, 320, 240, List.of(BALL, UNSURE), "colour-segmentation", 1.5);

  @Test
  void roundTripsThroughJson() {
    assertThat(VisionFrame.fromJson(FRAME.toJson())).isEqualTo(FRAME);
  }

  @Test
  void writesSnakeCaseNamesAndTheRegion() throws Exception {
    JsonNode json = new ObjectMapper().readTree(FRAME.toJson());

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "frame_id",
            "time_s",
            "image_width",
            "image_height",
            "detections",
            "detector",
            "latency_ms",
            "error");
    assertThat(json.get("error").isNull()).isTrue();
    JsonNode ball = json.get("detections").get(0);
    assertThat(ball.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "label", "confidence", "bbox", "region", "depth_m", "depth_method", "bearing_rad");
    assertThat(ball.get("region").asText()).isEqualTo("center");
    assertThat(ball.get("depth_method").asText()).isEqualTo("known_size");
    assertThat(ball.get("bbox").get("height").asDouble()).isEqualTo(0.125);
    JsonNode dock = json.get("detections").get(1);
    assertThat(dock.get("region").asText()).isEqualTo("right");
    assertThat(dock.get("depth_m").isNull()).isTrue();
    assertThat(dock.get("depth_method").isNull()).isTrue();
  }

  @Test
  void readsWhatAVlmWouldWriteAndDerivesTheRegionFromTheBox() {
    String json =
        """
        {"frame_id": 3, "time_s": 0.5, "image_width": 320, "image_height": 240,
         "detector": "vlm", "latency_ms": 850,
         "detections": [{"label": "red-ball", "confidence": 0.7,
           "bbox": {"x": 0.0, "y": 0.5, "width": 0.2, "height": 0.2},
           "region": "right", "depth_m": 1.2, "depth_method": "vlm_estimate",
           "bearing_rad": 0.4}]}
        """;

    Detection d = VisionFrame.fromJson(json).detections().get(0);

    assertThat(d.depthMethod()).isEqualTo(DepthMethod.VLM_ESTIMATE);
    assertThat(d.depthM()).isEqualTo(1.2);
    assertThat(d.region()).isEqualTo(Region.LEFT);
  }

  @Test
  void namesTheFaultInBadJson() {
    String outside =
        FRAME.toJson().replace("\"x\":0.45", "\"x\":0.95").replace("\"x\" : 0.45", "\"x\":0.95");
    assertThatThrownBy(() -> VisionFrame.fromJson(outside))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bbox must lie inside the image");

    String halfDepth =
        FRAME.toJson().replace("\"depth_method\":\"known_size\"", "\"depth_method\":null");
    assertThatThrownBy(() -> VisionFrame.fromJson(halfDepth))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("red-ball")
        .hasMessageContaining("depth_m and depth_method");

    assertThatThrownBy(() -> VisionFrame.fromJson("{\"frame_id\": 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("vision frame JSON");
  }

  @Test
  void aFailedFrameSaysWhyAndRoundTrips() throws Exception {
    VisionFrame failed =
        VisionFrame.failed(13, 3.5, 320, 240, "vlm:qwen3-vl-8b", 2000, "timeout: no reply in 2 s");

    assertThat(failed.failed()).isTrue();
    assertThat(failed.error()).isEqualTo("timeout: no reply in 2 s");
    assertThat(failed.detections()).isEmpty();
    assertThat(FRAME.failed()).isFalse();
    assertThat(FRAME.error()).isNull();
    assertThat(VisionFrame.fromJson(failed.toJson())).isEqualTo(failed);
    JsonNode json = new ObjectMapper().readTree(failed.toJson());
    assertThat(json.get("error").asText()).isEqualTo("timeout: no reply in 2 s");
    assertThat(json.get("detections").isEmpty()).isTrue();
    assertThat(json.has("failed")).isFalse();
  }

  @Test
  void aFrameWithoutAnErrorFieldReadsAsSucceeded() {
    String json =
        """
        {"frame_id": 3, "time_s": 0.5, "image_width": 320, "image_height": 240,
         "detector": "colour-segmentation", "latency_ms": 2, "detections": []}
        """;

    VisionFrame frame = VisionFrame.fromJson(json);

    assertThat(frame.failed()).isFalse();
    assertThat(frame.detections()).isEmpty();
  }

  @Test
  void aFailedFrameCannotCarryDetectionsOrABlankReason() {
    String withDetections = FRAME.toJson().replace("\"error\":null", "\"error\":\"timeout\"");
    assertThatThrownBy(() -> VisionFrame.fromJson(withDetections))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a failed frame (error: timeout) cannot have detections");

    assertThatThrownBy(() -> VisionFrame.failed(1, 0, 320, 240, "vlm:x", 1, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error must say why");
    assertThatThrownBy(() -> VisionFrame.failed(1, 0, 320, 240, "vlm:x", 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void checksDetectionFields() {
    BoundingBox box = new BoundingBox(0.1, 0.1, 0.2, 0.2);
    assertThatThrownBy(() -> new Detection("x", 1.5, box, null, null, 0))
        .hasMessageContaining("confidence");
    assertThatThrownBy(() -> new Detection("x", 0.5, box, -1.0, DepthMethod.BOX_AREA, 0))
        .hasMessageContaining("depth_m must be positive");
    assertThatThrownBy(() -> new Detection("x", 0.5, box, null, null, 2.0))
        .hasMessageContaining("bearing_rad");
    assertThatThrownBy(() -> new BoundingBox(0.1, 0.1, 0, 0.2)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new BoundingBox(-0.1, 0.1, 0.1, 0.2))
        .hasMessageContaining("at least 0");
  }

  @Test
  void regionsSplitTheImageInThirds() {
    assertThat(Region.of(0.2)).isEqualTo(Region.LEFT);
    assertThat(Region.of(0.34)).isEqualTo(Region.CENTER);
    assertThat(Region.of(0.66)).isEqualTo(Region.CENTER);
    assertThat(Region.of(0.7)).isEqualTo(Region.RIGHT);
  }

  @Test
  void pixelBoxesAreInclusiveAndReachTheEdge() {
    BoundingBox whole = BoundingBox.ofPixels(0, 0, 319, 239, 320, 240);
    assertThat(whole).isEqualTo(new BoundingBox(0, 0, 1, 1));
    BoundingBox one = BoundingBox.ofPixels(160, 120, 160, 120, 320, 240);
    assertThat(one.centreX()).isEqualTo(160.5 / 320);
  }
}
