package dev.llmos.hal.protocol;

import static dev.llmos.hal.protocol.TestFrames.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.hal.telemetry.CameraFrame;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameReassemblerTest {
  private static FrameChunk chunk(int id, int index, int count, byte... data) {
    return new FrameChunk(id, index, count, 320, 240, 1500, data);
  }

  @Test
  void joinsChunksInAnyOrder() {
    FrameReassembler r = new FrameReassembler(1000);
    assertThat(r.accept(chunk(5, 2, 3, bytes(5, 6)))).isEmpty();
    assertThat(r.accept(chunk(5, 0, 3, bytes(1, 2)))).isEmpty();
    Optional<CameraFrame> done = r.accept(chunk(5, 1, 3, bytes(3, 4)));
    assertThat(done).contains(new CameraFrame(5, 1.5, 320, 240, bytes(1, 2, 3, 4, 5, 6)));
    assertThat(r.completed()).isEqualTo(1);
    assertThat(r.inProgress()).isFalse();
  }

  @Test
  void aSingleChunkIsAWholeFrame() {
    FrameReassembler r = new FrameReassembler(10);
    assertThat(r.accept(chunk(1, 0, 1, bytes(9)))).isPresent();
  }

  @Test
  void aNewerFrameDropsTheIncompleteOne() {
    FrameReassembler r = new FrameReassembler(1000);
    r.accept(chunk(5, 0, 2, bytes(1)));
    r.accept(chunk(6, 0, 2, bytes(2)));
    assertThat(r.discarded(FrameReassembler.Discard.SUPERSEDED)).isEqualTo(1);
    // Frame 6 goes on as usual.
    assertThat(r.accept(chunk(6, 1, 2, bytes(3))))
        .contains(new CameraFrame(6, 1.5, 320, 240, bytes(2, 3)));
  }

  @Test
  void anInconsistentChunkDropsTheFrameAndItsLaterChunks() {
    FrameReassembler r = new FrameReassembler(1000);
    r.accept(chunk(5, 0, 3, bytes(1)));
    r.accept(new FrameChunk(5, 1, 3, 640, 240, 1500, bytes(2)));
    assertThat(r.discarded(FrameReassembler.Discard.INCONSISTENT)).isEqualTo(1);
    assertThat(r.accept(chunk(5, 1, 3, bytes(2)))).isEmpty();
    assertThat(r.accept(chunk(5, 2, 3, bytes(3)))).isEmpty();
    assertThat(r.inProgress()).isFalse();
    assertThat(r.accept(chunk(6, 0, 1, bytes(4)))).isPresent();
  }

  @Test
  void aRepeatedChunkIsIgnoredUnlessItsBytesDiffer() {
    FrameReassembler r = new FrameReassembler(1000);
    r.accept(chunk(5, 0, 2, bytes(1)));
    r.accept(chunk(5, 0, 2, bytes(1)));
    assertThat(r.inProgress()).isTrue();
    r.accept(chunk(5, 0, 2, bytes(7)));
    assertThat(r.discarded(FrameReassembler.Discard.INCONSISTENT)).isEqualTo(1);
    assertThat(r.inProgress()).isFalse();
  }

  @Test
  void aFrameLargerThanTheBoundIsDropped() {
    FrameReassembler r = new FrameReassembler(3);
    r.accept(chunk(5, 0, 2, bytes(1, 2)));
    assertThat(r.accept(chunk(5, 1, 2, bytes(3, 4)))).isEmpty();
    assertThat(r.discarded(FrameReassembler.Discard.TOO_LARGE)).isEqualTo(1);
    assertThat(r.inProgress()).isFalse();
  }
}
