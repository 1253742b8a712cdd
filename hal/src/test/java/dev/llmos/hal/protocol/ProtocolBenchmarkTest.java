package dev.llmos.hal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolBenchmarkTest {
  @Test
  void measuresBothDirectionsAgainstTheFleetBound() {
    ProtocolBenchmark.Result r = ProtocolBenchmark.run(2_000, 1);
    assertThat(r.frames()).isEqualTo(2_000);
    assertThat(r.requiredFramesPerS()).isEqualTo(3_200);
    assertThat(r.encodeFramesPerS()).isPositive();
    assertThat(r.decodeFramesPerS()).isPositive();
    assertThat(r.encodeRatio()).isEqualTo(r.encodeFramesPerS() / 3_200);
    // Megabytes per second follow from the frames per second and the mix's size.
    assertThat(r.decodeMBps() * 1e6 / r.decodeFramesPerS())
        .isCloseTo((double) r.wireBytes() / r.frames(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.toString()).contains("frames/s needed");
  }

  @Test
  void theMixIsDrawnFromTheSeed() {
    assertThat(ProtocolBenchmark.run(500, 9).wireBytes())
        .isEqualTo(ProtocolBenchmark.run(500, 9).wireBytes())
        .isNotEqualTo(ProtocolBenchmark.run(500, 10).wireBytes());
    assertThatThrownBy(() -> ProtocolBenchmark.run(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
