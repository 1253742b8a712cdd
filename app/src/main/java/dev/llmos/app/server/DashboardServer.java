package dev.llmos.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.blackbox.RunSummary;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard: the page, the REST API and the live WebSocket of docs/api.md, on Javalin (Jetty),
 * for one workspace. It binds the loopback interface unless told otherwise; any other address needs
 * an access token.
 */
public final class DashboardServer implements AutoCloseable {
  /** Where the page's files are, on the class path. */
  static final String WEB = "/llmos/web";

  /**
   * Where to listen and who may come in.
   *
   * @param host the address to bind; anything but a loopback address needs {@code token}
   * @param port the port, 0 for any free one
   * @param token the access token every request must carry, if any
   */
  public record Options(String host, int port, Optional<String> token) {
    public Options {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be within 0..65535, got " + port);
      }
      if (token.isPresent() && !token.get().matches("[A-Za-z0-9._~-]{16,}")) {
        throw new IllegalArgumentException(
            "an access token needs at least 16 characters, letters, digits and . _ ~ - only"
                + " (it goes in URLs and a cookie); `openssl rand -hex 16` makes one");
      }
      if (!isLoopback(host) && token.isEmpty()) {
        throw new IllegalArgumentException(
            "binding "
                + host
                + " lets other machines reach the dashboard; give an access token with --token"
                + " or LLMOS_UI_TOKEN (at least 16 characters), or bind 127.0.0.1");
      }
    }

    /** Never the token itself: options get printed and logged. */
    @Override
    public String toString() {
      return "Options[host="
          + host
          + ", port="
          + port
          + ", token="
          + (token.isPresent() ? "(set)" : "none")
          + "]";
    }

    /** The default: the loopback interface on port 7070, no token. */
    public static Options local(int port) {
      return new Options("127.0.0.1", port, Optional.empty());
    }
  }

  private final Javalin app;
  private final Options options;
  private final LiveRuns runs;
  private final LiveHub hub;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private DashboardServer(Javalin app, Options options, LiveRuns runs, LiveHub hub) {
    this.app = app;
    this.options = options;
    this.runs = runs;
    this.hub = hub;
  }

  /**
   * Starts serving.
   *
   * @param starter prepares the runs a person starts from the page
   * @param version the LLMos version, for the status and hello messages
   * @throws IllegalStateException when the port cannot be bound (the message says which and what to
   *     do)
   */
  public static DashboardServer start(
      Workspace workspace, RunStarter starter, Options options, String version) {
    // Checked before any thread starts: a jar without the page cannot serve it.
    String three = threeVersion();
    String policy = Routes.contentSecurityPolicy();
    ObjectMapper json = new ObjectMapper();
    LiveHub[] hubRef = new LiveHub[1];
    LiveRuns runs =
        new LiveRuns(
            (run, state) -> {
              if (hubRef[0] != null) {
                hubRef[0].publish("run", state);
              }
            });
    LiveHub hub =
        new LiveHub(
            json,
            // The run that finished last too: its final state and map still go out.
            () -> runs.current().map(LiveRuns.Live::feed),
            () -> {
              Map<String, Object> hello = new LinkedHashMap<>();
              hello.put("type", "hello");
              hello.put("version", version);
              hello.put("run", runs.current().map(LiveRuns.Live::state).orElse(null));
              return hello;
            });
    hubRef[0] = hub;
    CatalogApi catalog = new CatalogApi(workspace, () -> runs.current().map(LiveRuns.Live::arena));
    RecordedRuns recorded = new RecordedRuns(workspace.runsDirectory());
    Routes routes = new Routes(json, options, catalog, recorded, runs, starter, workspace, version);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = options.host();
              config.jetty.port = options.port();
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = WEB;
                    files.location = Location.CLASSPATH;
                  });
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/vendor/three";
                    files.directory = "/META-INF/resources/webjars/three/" + three;
                    files.location = Location.CLASSPATH;
                  });
              routes.install(config.routes, policy);
              config.routes.wsBeforeUpgrade("/api/live", routes::guard);
              config.routes.ws(
                  "/api/live",
                  ws -> {
                    ws.onConnect(
                        ctx -> {
                          ctx.enableAutomaticPings(5, TimeUnit.SECONDS);
                          hub.connect(
                              ctx.sessionId(),
                              new Mailbox.Channel() {
                                @Override
                                public void send(
                                    String text,
                                    Runnable sent,
                                    java.util.function.Consumer<Throwable> failed) {
                                  ctx.session.sendText(
                                      text,
                                      org.eclipse.jetty.websocket.api.Callback.from(sent, failed));
                                }

                                @Override
                                public void abort() {
                                  ctx.session.disconnect();
                                }

                                @Override
                                public void close(int code, String reason) {
                                  ctx.session.close(
                                      code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
                                }
                              });
                        });
                    ws.onClose(ctx -> hub.disconnect(ctx.sessionId()));
                    ws.onError(ctx -> hub.disconnect(ctx.sessionId()));
                  });
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      runs.close();
      hub.close();
      if (rootCause(e) instanceof java.net.BindException) {
        throw new PortInUseException(
            "cannot serve the dashboard on "
                + options.host()
                + ":"
                + options.port()
                + " ("
                + rootMessage(e)
                + "); is another llmos already serving there? Pass --port with a free port, or"
                + " --port 0 for any",
            e);
      }
      throw new IllegalStateException(
          "cannot serve the dashboard on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + rootMessage(e),
          e);
    }
    return new DashboardServer(app, options, runs, hub);
  }

  /** Where the dashboard is, e.g. {@code http://127.0.0.1:7070/}. */
  public URI uri() {
    String host = options.host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + app.port() + "/");
  }

  /** The address to open in a browser: with the token, when there is one. */
  public URI browserUri() {
    return options.token().map(t -> URI.create(uri() + "?token=" + t)).orElse(uri());
  }

  public int port() {
    return app.port();
  }

  /**
   * Starts a run that the command line prepared ({@code llmos demo}, {@code llmos run --ui}): it
   * shows live, and a person can pause or stop it from the page.
   *
   * @return completes with the run's summary when it ends
   */
  public CompletableFuture<RunSummary> startRun(RunStarter.Prepared run) {
    return runs.start(run).done();
  }

  /** The live run's control, for tests and the benchmark. */
  Optional<RunControl> liveControl() {
    return runs.live().map(LiveRuns.Live::control);
  }

  /** Connected WebSocket clients. */
  public int clients() {
    return hub.clients();
  }

  /** Messages skipped for slow WebSocket clients, over those connected now: for tests. */
  long droppedMessages() {
    return hub.dropped();
  }

  /**
   * Stops the live run (it records its end), lets clients take their last messages for up to a
   * second, and stops serving. Closing again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    runs.close();
    try {
      hub.drain(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hub.close();
    app.stop();
  }

  private static String threeVersion() {
    try (InputStream in =
        DashboardServer.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/three/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "three.js is missing from the class path; rebuild with `mvn -B -q -DskipTests"
                + " package`");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve --host " + host, e);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = rootCause(e);
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The port is taken: another program, or another llmos, serves there. */
  public static final class PortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
