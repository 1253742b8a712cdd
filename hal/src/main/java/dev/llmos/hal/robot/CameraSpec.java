package dev.llmos.hal.robot;

/**
 * The robot's camera.
 *
 * @param width pixels
 * @param height pixels
 * @param horizontalFovRad horizontal field of view, radians
 */
public record CameraSpec(int width, int height, double horizontalFovRad) {
  public CameraSpec {
    if (width < 1 || height < 1 || !(horizontalFovRad > 0 && horizontalFovRad < Math.PI)) {
      throw new IllegalArgumentException(
          "a camera needs a positive size and a field of view in (0, π)");
    }
  }
}
