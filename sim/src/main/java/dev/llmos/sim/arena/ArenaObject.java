package dev.llmos.sim.arena;

import dev.llmos.core.geometry.Translation2d;

/**
 * A labelled object that agents look for: a red ball, a dock, a target marker.
 *
 * @param label its name, unique in the arena (e.g. {@code red-ball}, {@code dock})
 * @param shape how it looks and collides
 * @param position its centre on the floor, metres
 * @param radiusM its radius (a ball's, or half a pad's width), metres
 * @param colour its colour
 */
public record ArenaObject(
    String label, Shape shape, Translation2d position, double radiusM, Rgb colour) {
  /** How tall a beacon's post stands, metres; tall enough to be seen over a ball or a box. */
  public static final double BEACON_HEIGHT_M = 0.25;

  /** How thick a pad is, metres: flat tape on the floor. */
  public static final double PAD_HEIGHT_M = 0.002;

  /** How an object looks and whether the robot bumps into it. */
  public enum Shape {
    /** A sphere resting on the floor; solid. */
    BALL,
    /** A flat pad on the floor the robot drives onto; not solid. */
    PAD,
    /** A thin upright post with a coloured top, as a landmark; solid. */
    BEACON;

    /** Whether the robot collides with it. */
    public boolean solid() {
      return this != PAD;
    }
  }

  public ArenaObject {
    if (label == null || label.isBlank() || shape == null || position == null || colour == null) {
      throw new IllegalArgumentException("an object needs a label, shape, position and colour");
    }
    if (!(radiusM > 0)) {
      throw new IllegalArgumentException("an object's radius must be positive");
    }
  }

  /** How tall it stands: a ball its diameter, a beacon its post, a pad almost nothing. */
  public double heightM() {
    return switch (shape) {
      case BALL -> 2 * radiusM;
      case BEACON -> BEACON_HEIGHT_M;
      case PAD -> PAD_HEIGHT_M;
    };
  }
}
