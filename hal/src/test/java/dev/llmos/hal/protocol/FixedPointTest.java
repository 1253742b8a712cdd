package dev.llmos.hal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class FixedPointTest {
  @Test
  void roundsHalfAwayFromZero() {
    assertThat(FixedPoint.roundHalfAwayFromZero(2.5)).isEqualTo(3.0);
    assertThat(FixedPoint.roundHalfAwayFromZero(-2.5)).isEqualTo(-3.0);
    assertThat(FixedPoint.roundHalfAwayFromZero(2.4999)).isEqualTo(2.0);
    assertThat(FixedPoint.roundHalfAwayFromZero(-0.5)).isEqualTo(-1.0);
    assertThat(FixedPoint.roundHalfAwayFromZero(0.49999999999999994)).isEqualTo(0.0);
    assertThat(FixedPoint.roundHalfAwayFromZero(1e300)).isEqualTo(1e300);
  }

  @Test
  void scalesRoundsAndSaturates() {
    assertThat(FixedPoint.toFixed(0.0125, 1000, -32768, 32767, "v")).isEqualTo(13);
    assertThat(FixedPoint.toFixed(-0.0125, 1000, -32768, 32767, "v")).isEqualTo(-13);
    assertThat(FixedPoint.toFixed(40.0, 1000, -32768, 32767, "v")).isEqualTo(32767);
    assertThat(FixedPoint.toFixed(-40.0, 1000, -32768, 32767, "v")).isEqualTo(-32768);
    assertThat(FixedPoint.toFixed(-1.0, 1000, 0, 65535, "v")).isZero();
    assertThat(FixedPoint.toFixed(Double.POSITIVE_INFINITY, 1000, 0, 65535, "v")).isEqualTo(65535);
    assertThat(FixedPoint.toFixed(Double.NEGATIVE_INFINITY, 1, 0, 255, "v")).isZero();
  }

  @Test
  void refusesNaNNamingTheField() {
    assertThatThrownBy(() -> FixedPoint.toFixed(Double.NaN, 1000, 0, 10, "rangesM"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rangesM");
  }

  @Test
  void crc32cHasTheCastagnoliCheckValue() {
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(crc.getValue()).isEqualTo(0xE3069283L);
  }
}
