package dev.llmos.runtime.predict;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.runtime.world.BeamForecast;
import java.util.List;

/**
 * Tracks how far what the sensors report is from what the predictor said they would: per tick, the
 * distance between the predicted and the reported pose plus the mean reading error over the beams
 * (each capped, so one glancing beam cannot dominate), metres; smoothed exponentially so one odd
 * tick is not an alarm. A high level means the map or the motion model is wrong here: the planner
 * should look again.
 */
public final class Surprise {
  /** One beam's error counts up to this much, metres. */
  private static final double BEAM_CAP_M = 0.5;

  private final double smoothing;
  private final double thresholdM;
  private double levelM;
  private double lastM;

  /**
   * @param smoothing the weight of each new tick in the running level, in (0, 1]
   * @param thresholdM the level above which surprise is high, metres
   */
  public Surprise(double smoothing, double thresholdM) {
    if (!(smoothing > 0 && smoothing <= 1) || !(thresholdM > 0)) {
      throw new IllegalArgumentException(
          "surprise needs a smoothing in (0, 1] and a threshold > 0 m");
    }
    this.smoothing = smoothing;
    this.thresholdM = thresholdM;
  }

  /**
   * Compares a prediction with what followed it and returns that tick's surprise, metres.
   *
   * @param predicted the prediction made last tick
   * @param pose the pose now reported
   * @param rangesM the readings now reported, in the prediction's sensor order
   */
  public double observe(Prediction predicted, Pose2d pose, List<Double> rangesM) {
    double poseError = predicted.next().translation().distanceTo(pose.translation());
    List<BeamForecast> beams = predicted.beams();
    double sum = 0;
    int counted = 0;
    for (int i = 0; i < beams.size() && i < rangesM.size(); i++) {
      double reading = rangesM.get(i);
      if (Double.isFinite(reading)) {
        sum += Math.min(BEAM_CAP_M, beams.get(i).errorM(reading));
        counted++;
      }
    }
    lastM = poseError + (counted == 0 ? 0 : sum / counted);
    levelM += smoothing * (lastM - levelM);
    return lastM;
  }

  /** The smoothed level, metres. */
  public double levelM() {
    return levelM;
  }

  /** The last tick's surprise, metres. */
  public double lastM() {
    return lastM;
  }

  public boolean high() {
    return levelM > thresholdM;
  }

  public double thresholdM() {
    return thresholdM;
  }

  /** Back to calm, after the planner has looked again. */
  public void reset() {
    levelM = 0;
  }
}
