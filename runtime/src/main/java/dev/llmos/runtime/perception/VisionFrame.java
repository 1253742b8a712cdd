package dev.llmos.runtime.perception;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;

/**
 * What a detector saw in one camera frame.
 *
 * <p>JSON:
 *
 * <pre>{@code
 * {"frame_id": 12, "time_s": 3.4, "image_width": 320, "image_height": 240,
 *  "detections": [ ...Detection... ], "detector": "colour-segmentation", "latency_ms": 1.7}
 * }</pre>
 *
 * @param frameId the camera frame's id
 * @param timeS robot time when the image was taken, seconds
 * @param imageWidth pixels
 * @param imageHeight pixels
 * @param detections what was seen, most confident first
 * @param detector which detector produced it
 * @param latencyMs how long the detector took, milliseconds
 */
public record VisionFrame(
    @JsonProperty("frame_id") int frameId,
    @JsonProperty("time_s") double timeS,
    @JsonProperty("image_width") int imageWidth,
    @JsonProperty("image_height") int imageHeight,
    @JsonProperty("detections") List<Detection> detections,
    @JsonProperty("detector") String detector,
    @JsonProperty("latency_ms") double latencyMs) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public VisionFrame {
    if (imageWidth < 1 || imageHeight < 1) {
      throw new IllegalArgumentException(
          "image_width and image_height must be positive, got " + imageWidth + "x" + imageHeight);
    }
    if (detections == null) {
      throw new IllegalArgumentException("detections must be a list (empty if nothing was seen)");
    }
    detections = List.copyOf(detections);
    if (detector == null || detector.isBlank()) {
      throw new IllegalArgumentException("a vision frame needs the detector's name");
    }
    if (!(latencyMs >= 0 && latencyMs < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("latency_ms must be at least 0, got " + latencyMs);
    }
  }

  /** This frame as JSON, in the shape documented above. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a vision frame could not be written as JSON", e);
    }
  }

  /**
   * Reads a vision frame, e.g. one a VLM filled in.
   *
   * @throws IllegalArgumentException naming the field and the fault if it does not fit the schema
   */
  public static VisionFrame fromJson(String json) {
    try {
      return JSON.readValue(json, VisionFrame.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(
          "vision frame JSON at " + e.getPathReference() + ": " + cause.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("vision frame JSON: " + e.getOriginalMessage(), e);
    }
  }
}
