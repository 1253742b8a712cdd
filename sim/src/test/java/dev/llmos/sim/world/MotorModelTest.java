package dev.llmos.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MotorModelTest {
  private final MotorModel motor = new MotorModel(0.02, 2.0, 0.5);

  @Test
  void aCommandInsideTheDeadbandLeavesTheWheelStill() {
    assertThat(motor.next(0, 0.019, 0.005)).isZero();
    assertThat(motor.next(0, -0.019, 0.005)).isZero();
    assertThat(motor.next(0, 0.02, 0.005)).isEqualTo(0.01);
  }

  @Test
  void theSpeedRampsAtTheAccelerationLimitInBothDirections() {
    assertThat(motor.next(0, 0.3, 0.005)).isEqualTo(0.01);
    assertThat(motor.next(0.3, 0, 0.005)).isEqualTo(0.29);
    assertThat(motor.next(0.3, 0.305, 0.005)).isEqualTo(0.305);
    assertThat(motor.next(0, -0.3, 0.01)).isEqualTo(-0.02);
  }

  @Test
  void theSpeedSaturatesAtTheMotorsTop() {
    double v = 0;
    for (int i = 0; i < 1000; i++) {
      v = motor.next(v, 3.0, 0.005);
    }
    assertThat(v).isEqualTo(0.5);
    for (int i = 0; i < 1000; i++) {
      v = motor.next(v, -3.0, 0.005);
    }
    assertThat(v).isEqualTo(-0.5);
  }

  @Test
  void refusesAModelThatCannotMove() {
    assertThatThrownBy(() -> new MotorModel(0.5, 2.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max speed > deadband");
    assertThatThrownBy(() -> new MotorModel(0.0, 0, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
