package dev.llmos.app.cli;

import dev.llmos.app.server.DashboardServer;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the dashboard listens, who may use it, and whether to open a browser. */
final class DashboardOptions {
  /** The dashboard's port unless told otherwise. */
  static final int DEFAULT_PORT = 7070;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address the dashboard binds (default: ${DEFAULT-VALUE}); any other needs --token.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The dashboard's port (default: " + DEFAULT_PORT + "; 0 for any free one).")
  Integer port;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:LLMOS_UI_TOKEN}",
      description =
          "Access token every request must carry (default: $LLMOS_UI_TOKEN); needed to bind an"
              + " address other than the loopback.")
  String token;

  @Option(names = "--no-browser", description = "Print the dashboard's address; open no browser.")
  boolean noBrowser;

  /** Whether a port was asked for; otherwise a busy default port may give way to a free one. */
  boolean portGiven() {
    return port != null;
  }

  DashboardServer.Options server() {
    return new DashboardServer.Options(
        host,
        port == null ? DEFAULT_PORT : port,
        Optional.ofNullable(token).filter(t -> !t.isBlank()));
  }
}
