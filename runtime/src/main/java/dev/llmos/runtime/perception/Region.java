package dev.llmos.runtime.perception;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which third of the image a detection's box centre falls in; JSON {@code left|center|right}. */
public enum Region {
  @JsonProperty("left")
  LEFT,
  @JsonProperty("center")
  CENTER,
  @JsonProperty("right")
  RIGHT;

  /**
   * The region of a normalised horizontal position.
   *
   * @param centreX 0 (left edge) to 1 (right edge)
   */
  public static Region of(double centreX) {
    if (centreX < 1.0 / 3) {
      return LEFT;
    }
    return centreX > 2.0 / 3 ? RIGHT : CENTER;
  }
}
