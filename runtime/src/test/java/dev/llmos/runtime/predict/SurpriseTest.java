package dev.llmos.runtime.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.runtime.world.BeamForecast;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurpriseTest {
  private static final Pose2d HERE = new Pose2d(1, 2, Rotation2d.ZERO);

  private static Prediction expecting(Pose2d next, BeamForecast... beams) {
    return new Prediction(
        Motion.STOPPED, HERE, next, List.of(beams), Double.POSITIVE_INFINITY, false);
  }

  @Test
  void readingsAndPoseAsForecastAreNoSurprise() {
    Surprise s = new Surprise(0.3, 0.25);
    Prediction p = expecting(HERE, BeamForecast.hitAt(0.8), BeamForecast.clearTo(2.0));
    assertThat(s.observe(p, HERE, List.of(0.8, 2.0))).isCloseTo(0, within(1e-12));
    assertThat(s.levelM()).isCloseTo(0, within(1e-12));
    assertThat(s.high()).isFalse();
  }

  @Test
  void aReadingShortOfTheKnownFreeStretchIsSurprising() {
    Surprise s = new Surprise(1, 0.25);
    assertThat(s.observe(expecting(HERE, BeamForecast.unknownBeyond(1.0)), HERE, List.of(0.7)))
        .isCloseTo(0.3, within(1e-12));
    assertThat(s.observe(expecting(HERE, BeamForecast.clearTo(2.0)), HERE, List.of(1.8)))
        .isCloseTo(0.2, within(1e-12));
  }

  @Test
  void anythingBeyondWhereTheMapStopsKnowingIsNoSurprise() {
    Surprise s = new Surprise(1, 0.25);
    assertThat(s.observe(expecting(HERE, BeamForecast.unknownBeyond(0.5)), HERE, List.of(1.9)))
        .isZero();
  }

  @Test
  void poseErrorAddsToTheMeanCappedBeamErrorAndUnreadBeamsAreSkipped() {
    Surprise s = new Surprise(1, 0.25);
    Pose2d predicted = new Pose2d(1.1, 2, Rotation2d.ZERO);
    Prediction p =
        expecting(
            predicted, BeamForecast.hitAt(0.5), BeamForecast.hitAt(3.0), BeamForecast.hitAt(1));
    // Beam errors 0.1 and 2.5 (capped at 0.5); the third sensor read nothing.
    double last = s.observe(p, HERE, List.of(0.6, 0.5, Double.NaN));
    assertThat(last).isCloseTo(0.1 + (0.1 + 0.5) / 2, within(1e-12));
    assertThat(s.lastM()).isEqualTo(last);
  }

  @Test
  void noReadingsAtAllLeaveOnlyThePoseError() {
    Surprise s = new Surprise(1, 0.25);
    Prediction p = expecting(new Pose2d(1, 2.2, Rotation2d.ZERO), BeamForecast.hitAt(0.5));
    assertThat(s.observe(p, HERE, List.of(Double.POSITIVE_INFINITY))).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void theLevelApproachesASteadySurpriseTurnsHighAndResets() {
    Surprise s = new Surprise(0.3, 0.25);
    Prediction p = expecting(HERE, BeamForecast.hitAt(1.0));
    List<Double> short04 = List.of(0.6);
    s.observe(p, HERE, short04);
    // One odd tick is not an alarm: 0.3 * 0.4 = 0.12.
    assertThat(s.levelM()).isCloseTo(0.12, within(1e-12));
    assertThat(s.high()).isFalse();
    double before = s.levelM();
    for (int i = 0; i < 40; i++) {
      s.observe(p, HERE, short04);
      assertThat(s.levelM()).isGreaterThan(before).isLessThan(0.4);
      before = s.levelM();
    }
    assertThat(s.levelM()).isCloseTo(0.4, within(1e-5));
    assertThat(s.high()).isTrue();

    s.reset();
    assertThat(s.levelM()).isZero();
    assertThat(s.high()).isFalse();
  }
}
