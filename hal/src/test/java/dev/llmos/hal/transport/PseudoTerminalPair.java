package dev.llmos.hal.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two connected pseudo-terminals made by socat: what is written to one end's serial port is read
 * from the other's, through the kernel's tty layer, as with a real USB serial adapter.
 */
public final class PseudoTerminalPair implements AutoCloseable {
  private final Process socat;
  private final Path first;
  private final Path second;

  private PseudoTerminalPair(Process socat, Path first, Path second) {
    this.socat = socat;
    this.first = first;
    this.second = second;
  }

  /** Starts socat and waits until both terminals exist. */
  public static PseudoTerminalPair start(Path dir) throws IOException, InterruptedException {
    Path a = dir.resolve("robot-tty");
    Path b = dir.resolve("host-tty");
    Process socat;
    try {
      socat =
          new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("socat.log").toFile())
              .start();
    } catch (IOException e) {
      throw new IOException(
          "the serial tests need socat to make a pseudo-terminal pair; install it"
              + " (Debian: apt-get install socat)",
          e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(a) && Files.exists(b))) {
      if (!socat.isAlive() || System.nanoTime() > deadline) {
        socat.destroyForcibly();
        throw new IOException(
            "socat did not create the pseudo-terminals; see " + dir.resolve("socat.log"));
      }
      Thread.sleep(20);
    }
    return new PseudoTerminalPair(socat, a, b);
  }

  /** The port a simulated robot opens. */
  public String robotPort() {
    return first.toString();
  }

  /** The port the host opens. */
  public String hostPort() {
    return second.toString();
  }

  @Override
  public void close() {
    socat.destroy();
    try {
      if (!socat.waitFor(5, TimeUnit.SECONDS)) {
        socat.destroyForcibly();
      }
    } catch (InterruptedException e) {
      socat.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
