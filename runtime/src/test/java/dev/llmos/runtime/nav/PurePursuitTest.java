package dev.llmos.runtime.nav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.geometry.Twist2d;
import dev.llmos.hal.command.Twist;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PurePursuitTest {
  private static final PurePursuit.Settings SETTINGS = PurePursuit.Settings.reference();

  @Test
  void followsAnLShapedPathToItsEndAndStaysNearIt() {
    List<Translation2d> path =
        List.of(new Translation2d(0, 0), new Translation2d(2, 0), new Translation2d(2, 1.5));
    PurePursuit follower = new PurePursuit(path, SETTINGS);
    Pose2d pose = Pose2d.ORIGIN;
    double worstOffPathM = 0;
    int commands = 0;
    Optional<Twist> next = follower.update(pose);
    while (next.isPresent()) {
      Twist twist = next.get();
      assertThat(Math.abs(twist.speeds().omegaRadps()))
          .isLessThanOrEqualTo(SETTINGS.maxOmegaRadps() + 1e-12);
      assertThat(twist.speeds().vxMps()).isBetween(0.0, SETTINGS.cruiseMps() + 1e-12);
      double dt = twist.durationS();
      pose =
          pose.exp(new Twist2d(twist.speeds().vxMps() * dt, 0, twist.speeds().omegaRadps() * dt));
      worstOffPathM = Math.max(worstOffPathM, distanceToL(pose.translation()));
      commands++;
      assertThat(commands).as("reaches the goal in bounded time").isLessThan(500);
      next = follower.update(pose);
    }
    assertThat(pose.translation().distanceTo(new Translation2d(2, 1.5)))
        .isLessThanOrEqualTo(SETTINGS.goalToleranceM());
    assertThat(worstOffPathM).isLessThan(0.15);
    assertThat(commands).as("about 3.5 m at 0.2 m/s").isGreaterThan(80);
  }

  @Test
  void turnsInPlaceWhenTheGoalIsBehind() {
    PurePursuit follower =
        new PurePursuit(List.of(new Translation2d(0, 0), new Translation2d(-1, 0)), SETTINGS);
    Twist twist = follower.update(Pose2d.ORIGIN).orElseThrow();
    assertThat(twist.speeds().vxMps()).isZero();
    assertThat(Math.abs(twist.speeds().omegaRadps())).isEqualTo(SETTINGS.maxOmegaRadps());
  }

  @Test
  void curvesTowardsAPointOnTheLeft() {
    PurePursuit follower =
        new PurePursuit(List.of(new Translation2d(0, 0), new Translation2d(1, 0.2)), SETTINGS);
    Twist twist = follower.update(new Pose2d(0, 0, Rotation2d.ZERO)).orElseThrow();
    assertThat(twist.speeds().vxMps()).isPositive();
    assertThat(twist.speeds().omegaRadps()).isPositive();
  }

  @Test
  void isDoneAtOnceWhenAlreadyAtTheGoalAndRefusesNoPath() {
    assertThat(new PurePursuit(List.of(new Translation2d(0.01, 0)), SETTINGS).update(Pose2d.ORIGIN))
        .isEmpty();
    assertThatThrownBy(() -> new PurePursuit(List.of(), SETTINGS))
        .hasMessageContaining("at least one waypoint");
    assertThatThrownBy(() -> new PurePursuit.Settings(0.25, 0, 2, 0.05, 1, 0.2))
        .hasMessageContaining("cruiseMps");
  }

  private static double distanceToL(Translation2d p) {
    double first = Math.hypot(Math.max(0, p.xM() - 2) + Math.min(0, p.xM()), p.yM());
    double second = Math.hypot(p.xM() - 2, Math.max(0, p.yM() - 1.5) + Math.min(0, p.yM()));
    return Math.min(first, second);
  }
}
