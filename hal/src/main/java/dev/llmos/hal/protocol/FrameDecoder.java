package dev.llmos.hal.protocol;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Reads frames from a byte stream in any chunking. Whatever arrives, it never throws: each run of
 * bytes between delimiters becomes either one frame for the listener or one counted drop, and the
 * decoder starts afresh at the next delimiter. Memory is bounded by the largest encoded frame; a
 * longer run is dropped as {@link DropReason#OVERSIZED} as soon as it overflows and skipped to the
 * next delimiter. Not thread-safe: one decoder per incoming stream.
 */
public final class FrameDecoder {
  private final FrameListener listener;
  private final byte[] encoded = new byte[FrameFormat.MAX_ENCODED_BYTES];
  private final byte[] frame = new byte[FrameFormat.MAX_ENCODED_BYTES];
  private final CRC32C crc = new CRC32C();
  private final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
  private int length;
  private boolean skipping;
  private long frames;
  // Read by other threads (a host link reports a robot of another version).
  private volatile int lastForeignVersion = -1;

  public FrameDecoder(FrameListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("a decoder needs a listener");
    }
    this.listener = listener;
  }

  /** Feeds {@code buf[off, off + len)}. */
  public void accept(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte b = buf[i];
      if (b == FrameFormat.DELIMITER) {
        // While skipping, length is 0: the oversized run was already counted.
        int n = length;
        length = 0;
        skipping = false;
        if (n > 0) {
          process(n);
        }
      } else if (!skipping) {
        if (length == encoded.length) {
          skipping = true;
          length = 0;
          drop(DropReason.OVERSIZED);
        } else {
          encoded[length++] = b;
        }
      }
    }
  }

  /** Feeds a whole array. */
  public void accept(byte[] buf) {
    accept(buf, 0, buf.length);
  }

  private void process(int n) {
    int len = Cobs.decode(encoded, 0, n, frame, 0);
    if (len < 0) {
      drop(DropReason.BAD_COBS);
      return;
    }
    if (len < FrameFormat.HEADER_BYTES + FrameFormat.CRC_BYTES) {
      drop(DropReason.TRUNCATED);
      return;
    }
    int payloadLength = (frame[4] & 0xFF) | (frame[5] & 0xFF) << 8;
    if (payloadLength > FrameFormat.MAX_PAYLOAD_BYTES) {
      drop(DropReason.OVERSIZED);
      return;
    }
    int expected = FrameFormat.HEADER_BYTES + payloadLength + FrameFormat.CRC_BYTES;
    if (len < expected) {
      drop(DropReason.TRUNCATED);
      return;
    }
    if (len > expected) {
      drop(DropReason.BAD_LENGTH);
      return;
    }
    int crcAt = expected - FrameFormat.CRC_BYTES;
    crc.reset();
    crc.update(frame, 0, crcAt);
    long sent =
        (frame[crcAt] & 0xFFL)
            | (frame[crcAt + 1] & 0xFFL) << 8
            | (frame[crcAt + 2] & 0xFFL) << 16
            | (frame[crcAt + 3] & 0xFFL) << 24;
    if (crc.getValue() != sent) {
      drop(DropReason.BAD_CRC);
      return;
    }
    int version = frame[0] & 0xFF;
    if (version != FrameFormat.VERSION) {
      lastForeignVersion = version;
      drop(DropReason.BAD_VERSION);
      return;
    }
    Optional<MessageType> type = MessageType.ofCode(frame[1] & 0xFF);
    if (type.isEmpty()) {
      drop(DropReason.UNKNOWN_TYPE);
      return;
    }
    int seq = (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8;
    Message message;
    try {
      message =
          MessageCodec.read(
              type.get(), new PayloadReader(frame, FrameFormat.HEADER_BYTES, payloadLength));
    } catch (PayloadException e) {
      reject(seq, type.get(), e.reason());
      return;
    } catch (RuntimeException e) {
      // A value the records refuse (a charge above 1, a zero track width) is a malformed payload.
      reject(seq, type.get(), DropReason.MALFORMED_PAYLOAD);
      return;
    }
    frames++;
    listener.onFrame(new Frame(seq, message));
  }

  private void reject(int seq, MessageType type, DropReason reason) {
    drop(reason);
    listener.onRejected(seq, type, reason);
  }

  private void drop(DropReason reason) {
    drops.merge(reason, 1L, Long::sum);
    listener.onDrop(reason);
  }

  /** Frames delivered to the listener. */
  public long frames() {
    return frames;
  }

  /** Drops counted for one reason. */
  public long drops(DropReason reason) {
    return drops.getOrDefault(reason, 0L);
  }

  /** Drops counted for every reason together. */
  public long totalDrops() {
    long total = 0;
    for (long d : drops.values()) {
      total += d;
    }
    return total;
  }

  /** A snapshot of the drop counters, every reason present. */
  public Map<DropReason, Long> dropCounts() {
    Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      counts.put(r, drops(r));
    }
    return counts;
  }

  /**
   * The version of the last intact frame of another protocol version, so a host can say which
   * version the robot speaks; empty if none arrived.
   */
  public Optional<Integer> lastForeignVersion() {
    return lastForeignVersion < 0 ? Optional.empty() : Optional.of(lastForeignVersion);
  }
}
