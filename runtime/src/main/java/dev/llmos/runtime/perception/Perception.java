package dev.llmos.runtime.perception;

import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.telemetry.CameraFrame;

/** Turns one camera frame into what was seen in it. */
public interface Perception {
  /**
   * What the camera saw in {@code frame}.
   *
   * @param frame the image as the robot sent it
   * @param spec the camera that took it (its size must match the frame's)
   * @throws IllegalArgumentException if the frame cannot be decoded or does not match the camera
   */
  VisionFrame perceive(CameraFrame frame, CameraSpec spec);
}
