package dev.llmos.runtime.agent;

import dev.llmos.runtime.perception.Detection;
import java.util.Optional;

/**
 * What the camera says about the agent's target: seen (where), not seen, or unknown because
 * perception failed on the frame. Unknown is not "not seen": a rule about the target does not apply
 * on a frame the detector could not read.
 */
record TargetView(boolean known, Optional<Detection> detection) {
  static final TargetView UNKNOWN = new TargetView(false, Optional.empty());
  static final TargetView NOT_SEEN = new TargetView(true, Optional.empty());

  TargetView {
    if (!known && detection.isPresent()) {
      throw new IllegalArgumentException("an unknown view has no detection");
    }
  }

  static TargetView of(Optional<Detection> detection) {
    return new TargetView(true, detection);
  }
}
