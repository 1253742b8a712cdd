package dev.llmos.hal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Opens the host's end of a link from an address a person types. */
public final class Transports {
  /** The baud rate of the reference robot's USB serial link. */
  public static final int DEFAULT_BAUD = 115_200;

  /** The address forms {@link #open} takes, for help texts and error messages. */
  public static final String FORMS =
      "tcp://HOST:PORT (a robot on WiFi or `llmos sim`) or serial:///dev/ttyACM0?baud=115200";

  private Transports() {}

  /**
   * Connects to a robot.
   *
   * @param address {@code tcp://host:port} or {@code serial://PORT[?baud=N]} ({@code
   *     serial:///dev/ttyACM0}, {@code serial://COM3})
   * @param timeout how long to wait for a TCP connection
   * @throws IllegalArgumentException when the address is not one of the known forms
   * @throws IOException when the robot cannot be reached
   */
  public static Transport open(String address, Duration timeout) throws IOException {
    URI uri = parse(address);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    switch (scheme) {
      case "tcp" -> {
        if (uri.getHost() == null || uri.getPort() < 0) {
          throw new IllegalArgumentException(
              "robot address " + address + " needs a host and a port: " + FORMS);
        }
        return TcpTransport.connect(uri.getHost(), uri.getPort(), timeout);
      }
      case "serial" -> {
        return SerialTransport.open(serialPort(uri, address), baud(uri, address));
      }
      default ->
          throw new IllegalArgumentException(
              "robot address " + address + " has an unknown scheme; use " + FORMS);
    }
  }

  private static URI parse(String address) {
    try {
      return new URI(address);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "robot address " + address + " is not a valid URI (" + e.getReason() + "): " + FORMS, e);
    }
  }

  private static String serialPort(URI uri, String address) {
    String authority = uri.getAuthority();
    String path = uri.getPath();
    String port =
        authority != null && !authority.isEmpty()
            ? authority + (path == null ? "" : path)
            : (path == null ? "" : path);
    if (port.isEmpty()) {
      throw new IllegalArgumentException("robot address " + address + " names no port: " + FORMS);
    }
    return port;
  }

  private static int baud(URI uri, String address) {
    String query = uri.getQuery();
    if (query == null || query.isEmpty()) {
      return DEFAULT_BAUD;
    }
    if (!query.startsWith("baud=")) {
      throw new IllegalArgumentException(
          "robot address " + address + ": unknown option " + query + " (only baud=N)");
    }
    try {
      int baud = Integer.parseInt(query.substring("baud=".length()));
      if (baud > 0) {
        return baud;
      }
    } catch (NumberFormatException e) {
      // refused below with the same message as a non-positive number
    }
    throw new IllegalArgumentException(
        "robot address " + address + ": baud must be a positive whole number");
  }

  static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Closing a link that already failed has nothing left to report.
    }
  }
}
