package dev.llmos.hal.protocol;

import static dev.llmos.hal.protocol.TestFrames.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CobsTest {
  private static byte[] encode(byte[] src) {
    byte[] out = new byte[Cobs.maxEncodedLength(src.length)];
    return Arrays.copyOf(out, Cobs.encode(src, 0, src.length, out, 0));
  }

  private static byte[] decode(byte[] src) {
    byte[] out = new byte[src.length];
    int n = Cobs.decode(src, 0, src.length, out, 0);
    return n < 0 ? null : Arrays.copyOf(out, n);
  }

  @Test
  void encodesTheTextbookExamples() {
    assertThat(encode(bytes(0x00))).containsExactly(bytes(0x01, 0x01));
    assertThat(encode(bytes(0x00, 0x00))).containsExactly(bytes(0x01, 0x01, 0x01));
    assertThat(encode(bytes(0x00, 0x11, 0x00))).containsExactly(bytes(0x01, 0x02, 0x11, 0x01));
    assertThat(encode(bytes(0x11, 0x22, 0x00, 0x33)))
        .containsExactly(bytes(0x03, 0x11, 0x22, 0x02, 0x33));
    assertThat(encode(bytes(0x11, 0x22, 0x33, 0x44)))
        .containsExactly(bytes(0x05, 0x11, 0x22, 0x33, 0x44));
    assertThat(encode(new byte[0])).containsExactly(bytes(0x01));
  }

  @Test
  void aFullBlockOf254BytesEndsWithACodeOfOne() {
    byte[] block = new byte[254];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i + 1);
    }
    byte[] encoded = encode(block);
    assertThat(encoded).hasSize(256);
    assertThat(encoded[0]).isEqualTo((byte) 0xFF);
    assertThat(encoded[255]).isEqualTo((byte) 0x01);
    assertThat(decode(encoded)).containsExactly(block);
    // The shorter form without the final code decodes to the same bytes.
    assertThat(decode(Arrays.copyOf(encoded, 255))).containsExactly(block);
  }

  @Test
  void roundTripsRandomBlocksWithinTheBound() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] src = new byte[random.nextInt(1100)];
      for (int i = 0; i < src.length; i++) {
        // Mostly non-zero, so long blocks occur.
        src[i] = random.nextInt(8) == 0 ? 0 : (byte) random.nextInt(1, 256);
      }
      byte[] encoded = encode(src);
      assertThat(encoded.length).isLessThanOrEqualTo(Cobs.maxEncodedLength(src.length));
      assertThat(encoded).doesNotContain((byte) 0);
      assertThat(decode(encoded)).containsExactly(src);
    }
  }

  @Test
  void refusesACodePastTheEndAndAZeroInside() {
    assertThat(decode(bytes(0x05, 0x11, 0x22))).isNull();
    assertThat(decode(bytes(0x03, 0x11, 0x00))).isNull();
    assertThat(decode(bytes(0x00))).isNull();
  }

  @Test
  void theLargestFrameFitsTheEncodedBound() {
    byte[] worst = new byte[FrameFormat.MAX_FRAME_BYTES];
    Arrays.fill(worst, (byte) 1);
    assertThat(encode(worst)).hasSize(FrameFormat.MAX_ENCODED_BYTES);
  }
}
