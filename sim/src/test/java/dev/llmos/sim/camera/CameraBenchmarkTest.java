package dev.llmos.sim.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CameraBenchmarkTest {
  @Test
  void aTinyRunReportsRatesAndSizes() {
    CameraBenchmark.Result r = CameraBenchmark.run("obstacles", 64, 48, 3, 0, 1);
    assertThat(r.arena()).isEqualTo("obstacles");
    assertThat(r.width()).isEqualTo(64);
    assertThat(r.renderFps()).isPositive().isFinite();
    assertThat(r.renderJpegFps()).isPositive().isFinite();
    assertThat(r.meanJpegBytes()).isGreaterThan(100);
    assertThat(r.renderRatioToLive()).isEqualTo(r.renderFps() / 30);
    assertThat(r.renderJpegRatioToLive()).isEqualTo(r.renderJpegFps() / 30);
  }

  @Test
  void anEmptyRunIsRefused() {
    assertThatThrownBy(() -> CameraBenchmark.run("obstacles", 64, 48, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
