package dev.llmos.hal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * A TCP connection. The robot listens (as an ESP32 on WiFi does) and the host connects; see {@link
 * TcpListener} for the robot's side.
 */
public final class TcpTransport implements Transport {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String address;

  TcpTransport(Socket socket) throws IOException {
    this.socket = socket;
    // Frames are small and latency matters more than packet count.
    socket.setTcpNoDelay(true);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.address = "tcp://" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
  }

  /** Connects to a robot listening at host:port. */
  public static TcpTransport connect(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
      return new TcpTransport(socket);
    } catch (IOException e) {
      socket.close();
      throw new IOException(
          "cannot connect to a robot at tcp://"
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); is `llmos sim` or the robot running and reachable?",
          e);
    }
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    try {
      return in.read(buffer);
    } catch (SocketException e) {
      if (socket.isClosed()) {
        return -1;
      }
      throw e;
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    synchronized (out) {
      out.write(bytes, offset, length);
      out.flush();
    }
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public boolean isOpen() {
    return !socket.isClosed();
  }

  @Override
  public void close() {
    Transports.closeQuietly(socket);
  }
}
