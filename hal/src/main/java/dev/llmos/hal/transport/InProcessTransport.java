package dev.llmos.hal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;

/**
 * Two ends of a link inside one process, over a pair of operating-system pipes, so that a simulated
 * robot in the same JVM is reached through exactly the bytes a real one would get.
 */
public final class InProcessTransport implements Transport {
  private final Pipe.SourceChannel in;
  private final Pipe.SinkChannel out;
  private final String address;

  private InProcessTransport(Pipe.SourceChannel in, Pipe.SinkChannel out, String address) {
    this.in = in;
    this.out = out;
    this.address = address;
  }

  /** A connected pair: what one end writes, the other reads. */
  public static Pair pair(String name) throws IOException {
    Pipe hostToRobot = Pipe.open();
    Pipe robotToHost = Pipe.open();
    return new Pair(
        new InProcessTransport(robotToHost.source(), hostToRobot.sink(), "inproc://" + name),
        new InProcessTransport(hostToRobot.source(), robotToHost.sink(), "inproc://" + name));
  }

  /**
   * The two ends of an in-process link.
   *
   * @param host the end the host uses
   * @param robot the end the robot uses
   */
  public record Pair(InProcessTransport host, InProcessTransport robot) {}

  @Override
  public int read(byte[] buffer) throws IOException {
    try {
      return in.read(ByteBuffer.wrap(buffer));
    } catch (ClosedChannelException e) {
      return -1;
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    synchronized (out) {
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public boolean isOpen() {
    return in.isOpen() && out.isOpen();
  }

  @Override
  public void close() {
    Transports.closeQuietly(in);
    Transports.closeQuietly(out);
  }
}
