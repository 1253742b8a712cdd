package dev.llmos.sim.robot;

import dev.llmos.hal.transport.Transport;
import java.io.IOException;

/**
 * The host's end of a lockstep link to a simulated robot: writes are decoded into the robot's inbox
 * on the writing thread; the robot's replies are read from an ordinary in-process pipe.
 */
final class LockstepTransport implements Transport {
  private final Transport replies;
  private final HostConnection robot;

  LockstepTransport(Transport replies, HostConnection robot) {
    this.replies = replies;
    this.robot = robot;
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    return replies.read(buffer);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (!robot.isOpen()) {
      throw new IOException("the simulated robot's link is closed");
    }
    robot.feed(bytes, offset, length);
  }

  @Override
  public String address() {
    return "lockstep://" + replies.address().substring("inproc://".length());
  }

  @Override
  public boolean isOpen() {
    return replies.isOpen() && robot.isOpen();
  }

  @Override
  public void close() {
    replies.close();
    robot.close();
  }
}
