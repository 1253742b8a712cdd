package dev.llmos.hal.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Builds frames by hand, right or deliberately wrong, and collects what a decoder makes of them.
 */
final class TestFrames {
  private TestFrames() {}

  /** Header, payload and a correct CRC-32C, for any version, type and payload length field. */
  static byte[] frame(int version, int type, int seq, int payloadLength, byte[] payload) {
    byte[] f = new byte[FrameFormat.HEADER_BYTES + payload.length + FrameFormat.CRC_BYTES];
    f[0] = (byte) version;
    f[1] = (byte) type;
    f[2] = (byte) seq;
    f[3] = (byte) (seq >>> 8);
    f[4] = (byte) payloadLength;
    f[5] = (byte) (payloadLength >>> 8);
    System.arraycopy(payload, 0, f, FrameFormat.HEADER_BYTES, payload.length);
    int crcAt = f.length - FrameFormat.CRC_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(f, 0, crcAt);
    long v = crc.getValue();
    for (int i = 0; i < 4; i++) {
      f[crcAt + i] = (byte) (v >>> (8 * i));
    }
    return f;
  }

  static byte[] frame(int type, int seq, byte[] payload) {
    return frame(FrameFormat.VERSION, type, seq, payload.length, payload);
  }

  /** COBS-encodes and wraps in delimiters. */
  static byte[] wire(byte[] frame) {
    byte[] out = new byte[Cobs.maxEncodedLength(frame.length) + 2];
    int n = Cobs.encode(frame, 0, frame.length, out, 1);
    return Arrays.copyOf(out, n + 2);
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** A listener that keeps everything. */
  static final class Collector implements FrameListener {
    final List<Frame> frames = new ArrayList<>();
    final List<DropReason> drops = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    @Override
    public void onFrame(Frame frame) {
      frames.add(frame);
    }

    @Override
    public void onDrop(DropReason reason) {
      drops.add(reason);
    }

    @Override
    public void onRejected(int seq, MessageType type, DropReason reason) {
      rejected.add(seq + " " + type + " " + reason);
    }
  }
}
