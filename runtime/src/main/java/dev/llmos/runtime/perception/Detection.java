package dev.llmos.runtime.perception;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One object seen in one frame.
 *
 * <p>JSON (the shape a VLM is asked to fill):
 *
 * <pre>{@code
 * {"label": "red-ball", "confidence": 0.93,
 *  "bbox": {"x": 0.45, "y": 0.42, "width": 0.1, "height": 0.13},
 *  "region": "center", "depth_m": 0.61, "depth_method": "known_size", "bearing_rad": 0.02}
 * }</pre>
 *
 * {@code region} is written from the box and ignored when read, so it can never disagree with it;
 * {@code depth_m} and {@code depth_method} are both {@code null} when no depth is known.
 *
 * @param label what it is, e.g. {@code red-ball}
 * @param confidence 0–1
 * @param bbox where it is in the image
 * @param depthM horizontal distance from the camera to the object, metres; {@code null} if unknown
 * @param depthMethod how {@code depthM} was estimated; {@code null} exactly when it is
 * @param bearingRad direction of the box centre from the optical axis, radians, left positive
 *     (REP-103)
 */
@JsonIgnoreProperties(
    value = {"region"},
    allowGetters = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Detection(
    @JsonProperty("label") String label,
    @JsonProperty("confidence") double confidence,
    @JsonProperty("bbox") BoundingBox bbox,
    @JsonProperty("depth_m") Double depthM,
    @JsonProperty("depth_method") DepthMethod depthMethod,
    @JsonProperty("bearing_rad") double bearingRad) {

  public Detection {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a detection needs a label");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException(
          "detection " + label + ": confidence must be 0 to 1, got " + confidence);
    }
    if (bbox == null) {
      throw new IllegalArgumentException("detection " + label + ": needs a bbox");
    }
    if ((depthM == null) != (depthMethod == null)) {
      throw new IllegalArgumentException(
          "detection " + label + ": depth_m and depth_method must be given together or not at all");
    }
    if (depthM != null && !(depthM > 0 && depthM < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "detection " + label + ": depth_m must be positive and finite, got " + depthM);
    }
    if (!(Math.abs(bearingRad) < Math.PI / 2)) {
      throw new IllegalArgumentException(
          "detection " + label + ": bearing_rad must be within ±π/2, got " + bearingRad);
    }
  }

  /** The third of the image the box centre falls in. */
  @JsonProperty("region")
  public Region region() {
    return Region.of(bbox.centreX());
  }
}
