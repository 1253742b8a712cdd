package dev.llmos.core.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SafetyLimitsTest {
  private static final SafetyLimits LIMITS =
      new SafetyLimits(0.3, 4.0, 0.05, 0.15, 0.30, 0.5, 5.0, 2.0, 4);

  @Test
  void theApproachCapFallsLinearlyFromFullSpeedToZero() {
    assertThat(LIMITS.approachSpeedCapMps(1.0)).isEqualTo(0.3);
    assertThat(LIMITS.approachSpeedCapMps(0.30)).isEqualTo(0.3);
    assertThat(LIMITS.approachSpeedCapMps(0.175)).isCloseTo(0.15, within(1e-12));
    assertThat(LIMITS.approachSpeedCapMps(0.05)).isZero();
    assertThat(LIMITS.approachSpeedCapMps(0.01)).isZero();
  }

  @Test
  void theSafeDistanceMustExceedTheEmergencyDistance() {
    assertThatThrownBy(() -> new SafetyLimits(0.3, 4.0, 0.05, 0.05, 0.30, 0.5, 5.0, 2.0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "min_safe_distance_m (0.05) must be larger than emergency_stop_distance_m (0.05)");
  }

  @Test
  void theSlowDownDistanceMustExceedTheSafeDistance() {
    assertThatThrownBy(() -> new SafetyLimits(0.3, 4.0, 0.05, 0.15, 0.10, 0.5, 5.0, 2.0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slow_down_distance_m (0.1) must be larger than min_safe_distance_m (0.15)");
  }

  @Test
  void everyLimitMustBePositiveAndFinite() {
    assertThatThrownBy(() -> new SafetyLimits(0, 4.0, 0.05, 0.15, 0.30, 0.5, 5.0, 2.0, 4))
        .hasMessage("max_wheel_speed_mps must be a positive number, got 0.0");
    assertThatThrownBy(() -> new SafetyLimits(0.3, Double.NaN, 0.05, 0.15, 0.30, 0.5, 5.0, 2.0, 4))
        .hasMessage("max_turn_rate_radps must be a positive number, got NaN");
    assertThatThrownBy(
            () ->
                new SafetyLimits(0.3, 4.0, 0.05, 0.15, 0.30, Double.POSITIVE_INFINITY, 5.0, 2.0, 4))
        .hasMessage("watchdog_timeout_s must be a positive number, got Infinity");
    assertThatThrownBy(() -> new SafetyLimits(0.3, 4.0, 0.05, 0.15, 0.30, 0.5, 5.0, 2.0, 0))
        .hasMessage("max_direction_reversals must be at least 1, got 0");
  }
}
