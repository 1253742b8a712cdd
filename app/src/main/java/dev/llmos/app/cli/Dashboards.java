package dev.llmos.app.cli;

import dev.llmos.app.server.DashboardServer;
import dev.llmos.app.server.RunStarter;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.blackbox.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Starting the dashboard from a command: the server, its address printed, a browser opened. */
final class Dashboards {
  private Dashboards() {}

  /**
   * Starts the dashboard for {@code workspace}. When the default port is taken and none was asked
   * for, any free port is used instead, and said.
   */
  static DashboardServer start(Workspace workspace, DashboardOptions options, CommandSpec spec) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunStarter starter = new CliRunStarter(workspace);
    String version = LlmosCommand.class.getPackage().getImplementationVersion();
    version = version == null ? "development" : version;
    DashboardServer.Options server;
    try {
      server = options.server();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    DashboardServer dashboard;
    try {
      dashboard = DashboardServer.start(workspace, starter, server, version);
    } catch (DashboardServer.PortInUseException e) {
      if (options.portGiven()) {
        throw e;
      }
      err.printf("port %d is taken; serving the dashboard on a free port instead%n", server.port());
      err.flush();
      dashboard =
          DashboardServer.start(
              workspace,
              starter,
              new DashboardServer.Options(server.host(), 0, server.token()),
              version);
    }
    // Stopped cleanly on Ctrl-C too: the live run records its end and the clients are told.
    DashboardServer started = dashboard;
    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "llmos-dashboard-shutdown"));
    // The token is not printed: it would end up in terminal scroll-back and CI logs.
    out.printf("dashboard: %s%n", dashboard.uri());
    if (server.token().isPresent()) {
      out.printf(
          "  (it asks for the access token once: open %s?token=YOUR_TOKEN, or send"
              + " Authorization: Bearer)%n",
          dashboard.uri());
    }
    out.flush();
    if (!options.noBrowser) {
      open(dashboard.browserUri(), System.getenv())
          .ifPresent(
              why -> {
                err.printf("(no browser opened: %s)%n", why);
                err.flush();
              });
    }
    return dashboard;
  }

  /** Waits for a run the dashboard started; its failure comes out as it was thrown. */
  static RunSummary await(CompletableFuture<RunSummary> run)
      throws IOException, InterruptedException {
    try {
      return run.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * On a terminal, keeps the dashboard up after a run so the person can look around and replay it,
   * until Enter or Ctrl-C; elsewhere (a script, CI) returns at once.
   */
  static void lingerOnTerminal(DashboardServer dashboard, PrintWriter out) {
    java.util.Optional<java.io.Console> console =
        java.util.Optional.ofNullable(System.console()).filter(Dashboards::isTerminal);
    if (console.isEmpty()) {
      return;
    }
    out.printf("the dashboard stays up at %s; press Enter (or Ctrl-C) to quit%n", dashboard.uri());
    out.flush();
    var unused = console.get().readLine();
  }

  /** From JDK 22 there is always a console; only there can it say whether it is a terminal. */
  private static boolean isTerminal(java.io.Console console) {
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /**
   * Opens {@code uri} in the desktop's browser where there is a display.
   *
   * @return why it did not, if it did not
   */
  static java.util.Optional<String> open(URI uri, Map<String, String> env) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    List<String> command;
    if (os.contains("mac")) {
      command = List.of("open", uri.toString());
    } else if (os.contains("win")) {
      command = List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString());
    } else if (env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY")) {
      command = List.of("xdg-open", uri.toString());
    } else {
      return java.util.Optional.of("there is no display");
    }
    try {
      new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.of(command.get(0) + " failed: " + e.getMessage());
    }
  }
}
