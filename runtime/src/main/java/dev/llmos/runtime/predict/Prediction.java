package dev.llmos.runtime.predict;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.runtime.world.BeamForecast;
import java.util.List;

/**
 * The predicted next state for one candidate command.
 *
 * @param motion the candidate's motion
 * @param from the pose it starts from
 * @param next the pose one tick later
 * @param beams what each range sensor should read at {@code next}, in telemetry order
 * @param clearanceM the least distance between the robot's centre and an occupied cell over the
 *     command's horizon, metres (infinite when none is near)
 * @param collides whether the command is predicted to bring the body into contact
 */
public record Prediction(
    Motion motion,
    Pose2d from,
    Pose2d next,
    List<BeamForecast> beams,
    double clearanceM,
    boolean collides) {
  public Prediction {
    beams = List.copyOf(beams);
  }
}
