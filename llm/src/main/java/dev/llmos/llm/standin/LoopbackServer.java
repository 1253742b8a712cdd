package dev.llmos.llm.standin;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server on 127.0.0.1 at a free port, for the stand-ins; one per stand-in. */
record LoopbackServer(HttpServer server, ExecutorService threads) {
  /** Serves {@code handler} at every path on daemon threads named {@code threadName}. */
  static LoopbackServer start(String threadName, int backlog, HttpHandler handler)
      throws IOException {
    // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, the
    // body then waits for the client's delayed ACK, about 40 ms a request: a stand-in artefact
    // that would swamp what LLMos itself costs. Read once, when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
    ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    server.createContext("/", handler);
    server.setExecutor(threads);
    server.start();
    return new LoopbackServer(server, threads);
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }
}
