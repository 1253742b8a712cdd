package dev.llmos.runtime.predict;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.runtime.world.BeamForecast;
import dev.llmos.runtime.world.WorldModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts before the robot acts: for a candidate command, where the robot will be one tick later
 * and what its range sensors should read there, and whether the command brings the body into
 * contact with anything the map knows.
 *
 * <p>What the model is, plainly: the seed calls this step JEPA-style ("predict the next abstract
 * state, then compare"). Here the abstract state is the pose and the range readings, and the
 * predictor is not learned: it is unicycle kinematics (the speed ramps from the measured one to the
 * commanded one over the first tick, then holds) rolled forward in small steps, with the expected
 * readings cast through the occupancy grid. It knows only what the map knows: cells never seen
 * count as free for contact and as unpredictable for readings.
 */
public final class Predictor {
  /** Integration step, seconds. */
  private static final double STEP_S = 0.02;

  private final double bodyRadiusM;
  private final double contactM;
  private final List<RangeSensor> sensors;
  private final double sensorOffsetM;

  /**
   * @param bodyRadiusM the radius of the disc that covers the robot's body, metres
   * @param marginM extra room kept from obstacles, metres (the map's cells add half a cell)
   * @param sensors the range sensors, in telemetry order
   * @param sensorOffsetM how far from the robot's centre the sensors sit, metres
   */
  public Predictor(
      double bodyRadiusM, double marginM, List<RangeSensor> sensors, double sensorOffsetM) {
    if (!(bodyRadiusM > 0) || !(marginM >= 0) || !(sensorOffsetM >= 0)) {
      throw new IllegalArgumentException(
          "the predictor needs a body radius > 0 m and a margin and sensor offset >= 0 m");
    }
    this.bodyRadiusM = bodyRadiusM;
    this.contactM = bodyRadiusM + marginM;
    this.sensors = List.copyOf(sensors);
    this.sensorOffsetM = sensorOffsetM;
  }

  public double bodyRadiusM() {
    return bodyRadiusM;
  }

  /**
   * The predicted next state.
   *
   * @param world the map as it is now
   * @param pose where the robot is
   * @param vNowMps its measured forward speed
   * @param omegaNowRadps its measured turn rate
   * @param candidate the command's motion
   * @param tickS the time to the next decision, seconds
   * @param horizonS how far ahead to look for contact, seconds (the longest a command may run
   *     unanswered); the motion's own duration caps it
   */
  public Prediction predict(
      WorldModel world,
      Pose2d pose,
      double vNowMps,
      double omegaNowRadps,
      Motion candidate,
      double tickS,
      double horizonS) {
    // A tick of 0 would make the step 0 and the rollout endless.
    if (!(tickS > 0) || !(horizonS >= 0)) {
      throw new IllegalArgumentException(
          "a prediction needs a tick > 0 s and a horizon >= 0 s, got " + tickS + ", " + horizonS);
    }
    double contact = contactM + world.geometry().resolutionM() / 2;
    double search = contact + world.geometry().resolutionM();
    double startClearance = world.clearanceM(pose.translation(), search);
    double clearance = startClearance;
    boolean collides = false;
    double lookS = Math.max(tickS, Math.min(horizonS, candidate.durationS()));
    // A whole number of steps to the tick, so that the next pose is the one at the tick.
    int tickSteps = Math.max(1, (int) Math.ceil(tickS / STEP_S - 1e-9));
    double stepS = tickS / tickSteps;
    int steps = (int) Math.ceil(lookS / stepS - 1e-9);
    Pose2d next = pose;
    double x = pose.xM();
    double y = pose.yM();
    double heading = pose.heading().radians();
    for (int i = 1; i <= steps; i++) {
      double t = i * stepS;
      // The ramp taken at the step's middle integrates a linear ramp exactly.
      double ramp = Math.min(1, (t - stepS / 2) / tickS);
      boolean held = t - stepS < candidate.durationS();
      double v = held ? vNowMps + (candidate.vMps() - vNowMps) * ramp : 0;
      double omega = held ? omegaNowRadps + (candidate.omegaRadps() - omegaNowRadps) * ramp : 0;
      double mid = heading + omega * stepS / 2;
      x += v * stepS * Math.cos(mid);
      y += v * stepS * Math.sin(mid);
      heading += omega * stepS;
      Pose2d p = new Pose2d(x, y, Rotation2d.ofRadians(heading));
      if (i == tickSteps) {
        next = p;
      }
      if (v != 0) {
        double c = world.clearanceM(p.translation(), search);
        clearance = Math.min(clearance, c);
        // Moving away from something already close is how the robot gets free: only a step that
        // comes closer than contact, and closer than it started, counts.
        if (c < contact && c < startClearance - 1e-6) {
          collides = true;
        }
      }
    }
    return new Prediction(candidate, pose, next, forecast(world, next), clearance, collides);
  }

  /** What each sensor should read from a pose, by the map. */
  public List<BeamForecast> forecast(WorldModel world, Pose2d pose) {
    List<BeamForecast> beams = new ArrayList<>(sensors.size());
    for (RangeSensor sensor : sensors) {
      double angle = pose.heading().radians() + sensor.angle().radians();
      Translation2d start =
          pose.translation().plus(Translation2d.polar(sensorOffsetM, Rotation2d.ofRadians(angle)));
      beams.add(world.forecastBeam(start.xM(), start.yM(), angle, sensor.maxRangeM()));
    }
    return beams;
  }
}
