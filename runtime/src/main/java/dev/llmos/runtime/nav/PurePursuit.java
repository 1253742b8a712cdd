package dev.llmos.runtime.nav;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.command.Twist;
import java.util.List;
import java.util.Optional;

/**
 * Follows a list of waypoints with pure pursuit (Coulter, CMU-RI-TR-92-01): aim at the point one
 * lookahead distance further along the path than the robot's closest point, and drive the arc
 * through it. When that point lies far off the heading the robot turns in place first, since a
 * differential drive can and an arc would swing wide. Progress along the path only moves forward,
 * so a path that passes near itself is not cut short. One follower per path; not thread-safe.
 */
public final class PurePursuit {
  /**
   * How to follow.
   *
   * @param lookaheadM how far ahead along the path to aim, metres
   * @param cruiseMps forward speed on the way, m/s
   * @param maxOmegaRadps turn-rate limit, rad/s
   * @param goalToleranceM the path is done when the robot is this close to its last point, metres
   * @param turnInPlaceRad heading errors above this are turned away on the spot, radians
   * @param commandDurationS how long each twist lasts; the caller asks again before it ends
   */
  public record Settings(
      double lookaheadM,
      double cruiseMps,
      double maxOmegaRadps,
      double goalToleranceM,
      double turnInPlaceRad,
      double commandDurationS) {
    public Settings {
      positive(lookaheadM, "lookaheadM");
      positive(cruiseMps, "cruiseMps");
      positive(maxOmegaRadps, "maxOmegaRadps");
      positive(goalToleranceM, "goalToleranceM");
      positive(turnInPlaceRad, "turnInPlaceRad");
      positive(commandDurationS, "commandDurationS");
    }

    /** Settings for the reference robot: 0.25 m lookahead, 0.2 m/s, 2 rad/s, 5 cm, 60°, 0.2 s. */
    public static Settings reference() {
      return new Settings(0.25, 0.2, 2.0, 0.05, Math.toRadians(60), 0.2);
    }

    private static void positive(double value, String name) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
      }
    }
  }

  private final List<Translation2d> path;
  private final Settings settings;
  private int segment;

  /**
   * A follower for one path.
   *
   * @param waypoints the path, at least one point (a single point is driven to directly)
   */
  public PurePursuit(List<Translation2d> waypoints, Settings settings) {
    if (waypoints.isEmpty()) {
      throw new IllegalArgumentException("a path to follow needs at least one waypoint");
    }
    this.path = List.copyOf(waypoints);
    this.settings = settings;
  }

  /**
   * The next command.
   *
   * @param pose where the robot is now
   * @return a twist to run for {@link Settings#commandDurationS}, or empty once the robot is within
   *     the goal tolerance of the last waypoint
   */
  public Optional<Twist> update(Pose2d pose) {
    Translation2d here = pose.translation();
    Translation2d goal = path.get(path.size() - 1);
    double toGoalM = here.distanceTo(goal);
    advance(here);
    if (toGoalM <= settings.goalToleranceM() && segment >= path.size() - 2) {
      return Optional.empty();
    }
    Translation2d target = lookaheadPoint(here);
    Translation2d local = target.minus(here).rotateBy(pose.heading().unaryMinus());
    double headingErrorRad = Math.atan2(local.yM(), local.xM());
    double durationS = settings.commandDurationS();
    if (Math.abs(headingErrorRad) > settings.turnInPlaceRad()) {
      // Turn no further than the error within one command, so it does not overshoot.
      double omega = clamp(headingErrorRad / durationS, settings.maxOmegaRadps());
      return Optional.of(new Twist(0, omega, durationS));
    }
    double distanceSquared = local.xM() * local.xM() + local.yM() * local.yM();
    if (distanceSquared == 0) {
      return Optional.of(new Twist(0, 0, durationS));
    }
    double curvature = 2 * local.yM() / distanceSquared;
    // Slow down near the goal so one command cannot carry the robot past it.
    double v = Math.min(settings.cruiseMps(), toGoalM / durationS);
    if (Math.abs(curvature * v) > settings.maxOmegaRadps()) {
      v = settings.maxOmegaRadps() / Math.abs(curvature);
    }
    return Optional.of(new Twist(v, curvature * v, durationS));
  }

  /** Moves progress to the segment, from the current one on, whose closest point is nearest. */
  private void advance(Translation2d here) {
    double best = Double.POSITIVE_INFINITY;
    int bestSegment = segment;
    for (int i = segment; i < Math.max(1, path.size() - 1); i++) {
      double d = here.distanceTo(closestOnSegment(i, here));
      if (d < best) {
        best = d;
        bestSegment = i;
      }
    }
    segment = bestSegment;
  }

  private Translation2d lookaheadPoint(Translation2d here) {
    if (path.size() == 1) {
      return path.get(0);
    }
    Translation2d from = closestOnSegment(segment, here);
    double left = settings.lookaheadM();
    for (int i = segment; i < path.size() - 1; i++) {
      Translation2d end = path.get(i + 1);
      double length = from.distanceTo(end);
      if (length >= left) {
        return from.plus(end.minus(from).times(left / length));
      }
      left -= length;
      from = end;
    }
    return path.get(path.size() - 1);
  }

  private Translation2d closestOnSegment(int i, Translation2d p) {
    Translation2d a = path.get(i);
    if (path.size() == 1) {
      return a;
    }
    Translation2d ab = path.get(i + 1).minus(a);
    double lengthSquared = ab.xM() * ab.xM() + ab.yM() * ab.yM();
    if (lengthSquared == 0) {
      return a;
    }
    Translation2d ap = p.minus(a);
    double t = (ap.xM() * ab.xM() + ap.yM() * ab.yM()) / lengthSquared;
    return a.plus(ab.times(Math.max(0, Math.min(1, t))));
  }

  private static double clamp(double value, double limit) {
    return Math.max(-limit, Math.min(limit, value));
  }
}
