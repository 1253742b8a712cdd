package dev.llmos.sim.robot;

import dev.llmos.hal.protocol.DropReason;
import dev.llmos.hal.protocol.Frame;
import dev.llmos.hal.protocol.FrameDecoder;
import dev.llmos.hal.protocol.FrameFormat;
import dev.llmos.hal.protocol.FrameListener;
import dev.llmos.hal.protocol.MessageType;
import dev.llmos.hal.transport.Transport;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One host connected to a simulated robot. A reader thread decodes what the host sends into an
 * inbox; the simulation loop drains it at the start of each control cycle, so commands take effect
 * on cycle boundaries exactly as the firmware's loop does.
 */
final class HostConnection {
  /**
   * Something the host sent: an intact frame, or the number of a command that could not be read.
   */
  sealed interface Inbound permits Received, Rejected {}

  record Received(Frame frame) implements Inbound {}

  record Rejected(int seq, MessageType type, DropReason reason) implements Inbound {}

  private final Transport transport;
  private final Queue<Inbound> inbox = new ConcurrentLinkedQueue<>();
  private final FrameDecoder decoder;
  private volatile boolean open = true;
  private volatile boolean foreignVersionSeen;

  private HostConnection(Transport transport) {
    this.transport = transport;
    this.decoder =
        new FrameDecoder(
            new FrameListener() {
              @Override
              public void onFrame(Frame frame) {
                inbox.add(new Received(frame));
              }

              @Override
              public void onRejected(int seq, MessageType type, DropReason reason) {
                inbox.add(new Rejected(seq, type, reason));
              }

              @Override
              public void onDrop(DropReason reason) {
                if (reason == DropReason.BAD_VERSION) {
                  foreignVersionSeen = true;
                }
              }
            });
  }

  /** A connection whose host bytes arrive through a reader thread, as from a real link. */
  static HostConnection reading(Transport transport, String robotId) {
    HostConnection connection = new HostConnection(transport);
    Thread reader = new Thread(connection::readLoop, "llmos-sim-reader " + robotId);
    reader.setDaemon(true);
    reader.start();
    return connection;
  }

  /**
   * A connection whose host bytes are handed over by the host's own thread through {@link #feed},
   * for lockstep runs: what the host has written is in the inbox before the next cycle starts. The
   * transport only carries the robot's replies.
   */
  static HostConnection fedDirectly(Transport replies) {
    return new HostConnection(replies);
  }

  /** Frames waiting in the inbox. */
  int waiting() {
    return inbox.size();
  }

  /** Decodes bytes from the host into the inbox. */
  synchronized void feed(byte[] bytes, int offset, int length) {
    if (open) {
      decoder.accept(bytes, offset, length);
    }
  }

  private void readLoop() {
    byte[] buffer = new byte[FrameFormat.MAX_ENCODED_BYTES];
    try {
      int n;
      while ((n = transport.read(buffer)) >= 0) {
        feed(buffer, 0, n);
      }
    } catch (IOException e) {
      // The host is gone; the watchdog stops the robot.
    }
    close();
  }

  /** The next thing the host sent, or null when the inbox is empty. */
  Inbound poll() {
    return inbox.poll();
  }

  /** Whether frames of another protocol version arrived since the last call. */
  boolean takeForeignVersionSeen() {
    boolean seen = foreignVersionSeen;
    foreignVersionSeen = false;
    return seen;
  }

  /** Sends bytes to the host; a failed write closes the connection. */
  void send(byte[] bytes) {
    if (!open) {
      return;
    }
    try {
      transport.write(bytes);
    } catch (IOException e) {
      close();
    }
  }

  boolean isOpen() {
    return open;
  }

  /** Corrupt input the robot dropped. */
  synchronized long drops() {
    return decoder.totalDrops();
  }

  String address() {
    return transport.address();
  }

  void close() {
    open = false;
    transport.close();
  }
}
