package dev.llmos.hal.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The robot's side of TCP: listens on a port and hands each host connection over as a {@link
 * Transport}.
 */
public final class TcpListener implements AutoCloseable {
  private final ServerSocket server;

  private TcpListener(ServerSocket server) {
    this.server = server;
  }

  /**
   * Listens on the given address and port; port 0 picks a free one.
   *
   * @param bindAddress e.g. {@code 127.0.0.1} for this machine only, {@code 0.0.0.0} for all
   */
  public static TcpListener bind(String bindAddress, int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
    } catch (IOException e) {
      server.close();
      throw new IOException(
          "cannot listen on "
              + bindAddress
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); choose another port with --port",
          e);
    }
    return new TcpListener(server);
  }

  /** Waits for the next host to connect. */
  public Transport accept() throws IOException {
    Socket socket = server.accept();
    try {
      return new TcpTransport(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The address a host on this machine connects to. */
  public String address() {
    String host = server.getInetAddress().isAnyLocalAddress() ? "127.0.0.1" : hostOf(server);
    return "tcp://" + host + ":" + server.getLocalPort();
  }

  private static String hostOf(ServerSocket server) {
    return server.getInetAddress().getHostAddress();
  }

  public boolean isOpen() {
    return !server.isClosed();
  }

  @Override
  public void close() {
    Transports.closeQuietly(server);
  }
}
