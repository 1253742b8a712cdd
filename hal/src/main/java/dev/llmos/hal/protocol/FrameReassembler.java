package dev.llmos.hal.protocol;

import dev.llmos.hal.telemetry.CameraFrame;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts camera frames back together from their chunks. It holds one frame at a time, at most {@code
 * maxFrameBytes}: an incomplete frame is dropped, and counted, when a chunk of another frame id
 * arrives, when a chunk disagrees with the ones before it, or when the frame grows too large.
 * Chunks may arrive in any order; a repeated chunk with the same bytes is ignored. Not thread-safe.
 */
public final class FrameReassembler {
  /** Why an incomplete frame was discarded. */
  public enum Discard {
    /** A chunk of another frame id arrived first. */
    SUPERSEDED,
    /** A chunk's count, size or time differs from the frame's, or a repeated chunk differs. */
    INCONSISTENT,
    /** The frame would exceed the reassembler's bound. */
    TOO_LARGE
  }

  private final int maxFrameBytes;
  private final Map<Discard, Long> discards = new EnumMap<>(Discard.class);
  private long completed;

  private FrameChunk first;
  private FrameChunk[] chunks;
  private int received;
  private int bytes;
  // After a frame is dropped as inconsistent or too large, its later chunks are ignored.
  private int refusedFrameId = -1;

  /**
   * @param maxFrameBytes the largest JPEG accepted, bytes
   */
  public FrameReassembler(int maxFrameBytes) {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Takes one chunk; returns the frame when this chunk completes it. */
  public Optional<CameraFrame> accept(FrameChunk chunk) {
    if (first != null && chunk.frameId() != first.frameId()) {
      discard(Discard.SUPERSEDED);
    }
    if (chunk.frameId() == refusedFrameId) {
      return Optional.empty();
    }
    refusedFrameId = -1;
    if (first == null) {
      first = chunk;
      chunks = new FrameChunk[chunk.chunkCount()];
      received = 0;
      bytes = 0;
    } else if (!sameFrame(first, chunk)) {
      refuse(Discard.INCONSISTENT);
      return Optional.empty();
    }
    FrameChunk seen = chunks[chunk.chunkIndex()];
    if (seen != null) {
      if (!seen.sameData(chunk)) {
        refuse(Discard.INCONSISTENT);
      }
      return Optional.empty();
    }
    if (bytes + chunk.dataLength() > maxFrameBytes) {
      refuse(Discard.TOO_LARGE);
      return Optional.empty();
    }
    chunks[chunk.chunkIndex()] = chunk;
    received++;
    bytes += chunk.dataLength();
    if (received < chunks.length) {
      return Optional.empty();
    }
    byte[] jpeg = new byte[bytes];
    int at = 0;
    for (FrameChunk c : chunks) {
      c.copyData(jpeg, at);
      at += c.dataLength();
    }
    CameraFrame done =
        new CameraFrame(
            first.frameId(),
            first.timeMs() / MessageCodec.MILLI,
            first.width(),
            first.height(),
            jpeg);
    clear();
    completed++;
    return Optional.of(done);
  }

  private static boolean sameFrame(FrameChunk a, FrameChunk b) {
    return a.chunkCount() == b.chunkCount()
        && a.width() == b.width()
        && a.height() == b.height()
        && a.timeMs() == b.timeMs();
  }

  private void refuse(Discard reason) {
    refusedFrameId = first.frameId();
    discard(reason);
  }

  private void discard(Discard reason) {
    discards.merge(reason, 1L, Long::sum);
    clear();
  }

  private void clear() {
    first = null;
    chunks = null;
    received = 0;
    bytes = 0;
  }

  /** Frames completed. */
  public long completed() {
    return completed;
  }

  /** Incomplete frames discarded for one reason. */
  public long discarded(Discard reason) {
    return discards.getOrDefault(reason, 0L);
  }

  /** Whether a frame is partly received. */
  public boolean inProgress() {
    return first != null;
  }
}
