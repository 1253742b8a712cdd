package dev.llmos.runtime.perception;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a detection's depth was estimated; JSON in snake case, e.g. {@code known_size}. */
public enum DepthMethod {
  /** Apparent size against the object's known real size (pinhole model). */
  @JsonProperty("known_size")
  KNOWN_SIZE,
  /** Where the object meets the floor, against the horizon, for a level camera of known height. */
  @JsonProperty("floor_position")
  FLOOR_POSITION,
  /** Box area against the object's nominal area: the roughest estimate. */
  @JsonProperty("box_area")
  BOX_AREA,
  /** A vision-language model's guess; reserved for the VLM detector. */
  @JsonProperty("vlm_estimate")
  VLM_ESTIMATE
}
