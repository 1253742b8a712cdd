package dev.llmos.runtime.perception;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;

/**
 * What a detector saw in one camera frame, or that it could not tell.
 *
 * <p>JSON:
 *
 * <pre>{@code
 * {"frame_id": 12, "time_s": 3.4, "image_width": 320, "image_height": 240,
 *  "detections": [ ...Detection... ], "detector": "colour-segmentation", "latency_ms": 1.7,
 *  "error": null}
 * }</pre>
 *
 * A frame whose perception failed (the model's reply could not be read, the model failed or did not
 * answer in time) says why in {@code error} and has no detections:
 *
 * <pre>{@code
 * {"frame_id": 13, "time_s": 3.5, "image_width": 320, "image_height": 240,
 *  "detections": [], "detector": "vlm:qwen3-vl-8b", "latency_ms": 2000.0,
 *  "error": "timeout: no reply within 2.0 s"}
 * }</pre>
 *
 * Its empty list is not an all clear: {@link #failed()} tells the two apart. A missing {@code
 * error} reads as {@code null}, so frames written before it existed still read.
 *
 * @param frameId the camera frame's id
 * @param timeS robot time when the image was taken, seconds
 * @param imageWidth pixels
 * @param imageHeight pixels
 * @param detections what was seen, most confident first
 * @param detector which detector produced it
 * @param latencyMs how long the detector took, milliseconds
 * @param error why perception failed on this frame, {@code null} when it did not; a failed frame
 *     has no detections
 */
public record VisionFrame(
    @JsonProperty("frame_id") int frameId,
    @JsonProperty("time_s") double timeS,
    @JsonProperty("image_width") int imageWidth,
    @JsonProperty("image_height") int imageHeight,
    @JsonProperty("detections") List<Detection> detections,
    @JsonProperty("detector") String detector,
    @JsonProperty("latency_ms") double latencyMs,
    @JsonProperty("error") String error) {

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
    if (error != null && error.isBlank()) {
      throw new IllegalArgumentException("error must say why perception failed, or be null");
    }
    if (error != null && !detections.isEmpty()) {
      throw new IllegalArgumentException(
          "a failed frame (error: " + error + ") cannot have detections, got " + detections.size());
    }
  }

  /** A frame perception succeeded on: what was seen, possibly nothing. */
  public VisionFrame(
      int frameId,
      double timeS,
      int imageWidth,
      int imageHeight,
      List<Detection> detections,
      String detector,
      double latencyMs) {
    this(frameId, timeS, imageWidth, imageHeight, detections, detector, latencyMs, null);
  }

  /**
   * A frame perception failed on: nothing can be said about what it shows.
   *
   * @param reason why, e.g. {@code timeout: no reply within 2.0 s}
   */
  public static VisionFrame failed(
      int frameId,
      double timeS,
      int imageWidth,
      int imageHeight,
      String detector,
      double latencyMs,
      String reason) {
    if (reason == null) {
      throw new IllegalArgumentException("a failed frame needs the reason");
    }
    return new VisionFrame(
        frameId, timeS, imageWidth, imageHeight, List.of(), detector, latencyMs, reason);
  }

  /**
   * Whether perception failed on this frame, so its empty detections say nothing about the scene.
   */
  @JsonIgnore
  public boolean failed() {
    return error != null;
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
