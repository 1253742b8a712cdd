package dev.llmos.app.cli;

import dev.llmos.app.server.DashboardServer;
import dev.llmos.app.server.RunStarter;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.agent.TickListener;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.perception.VisionFrame;
import dev.llmos.runtime.world.WorldModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Control-tick latency with dashboard clients attached against none: the same run (explorer in the
 * office, seed 1, eight times real time) is repeated with 0 and with N WebSocket clients reading
 * the live feed, alternately; compared is each tick's own work plus the dashboard's listener, which
 * runs on the control thread after the tick's stages are timed.
 */
final class DashboardBenchmark {
  /** The goal for the ratio of median tick times, clients attached over none. */
  static final double GOAL_RATIO = 1.05;

  private DashboardBenchmark() {}

  /**
   * @param p50NoneMs median tick time with no client, over all runs without
   * @param p50ClientsMs the same with the clients attached
   * @param meanNoneMs mean tick time with no client
   * @param meanClientsMs the same with clients
   * @param stateRateHz state messages a client received per second of wall time, the median
   * @param slowClients clients (over all runs with clients) that received state under 10 Hz
   * @param messagesPerClient messages each client received, on average
   */
  record Result(
      int clients,
      int runs,
      double p50NoneMs,
      double p50ClientsMs,
      double meanNoneMs,
      double meanClientsMs,
      double stateRateHz,
      int slowClients,
      double messagesPerClient) {
    double ratio() {
      return p50ClientsMs / p50NoneMs;
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "dashboard: control-tick time (own work + the dashboard's listener) with %d WebSocket"
              + " clients against none (explorer, office, seed 1, 8x real time; %d runs each,"
              + " alternating)%n"
              + "  tick p50  none %.4f ms, %d clients %.4f ms%n"
              + "  tick mean none %.4f ms, %d clients %.4f ms%n"
              + "  clients received %.0f messages each, state at a median %.1f Hz; %d of %d under"
              + " 10 Hz%n"
              + "  ratio (p50 with clients / none): %.3f (goal <= %.2f) %s",
          clients,
          runs,
          p50NoneMs,
          clients,
          p50ClientsMs,
          meanNoneMs,
          clients,
          meanClientsMs,
          messagesPerClient,
          stateRateHz,
          slowClients,
          clients * runs,
          ratio(),
          GOAL_RATIO,
          ratio() <= GOAL_RATIO ? "met" : "NOT met");
    }
  }

  static Result run(int clients, int runs, double seconds, IntConsumer progress)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("llmos-bench-dashboard");
    Workspace workspace = Workspace.init(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
    CliRunStarter starter = new CliRunStarter(workspace);
    List<Double> none = new ArrayList<>();
    List<Double> attached = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    long received = 0;
    try (DashboardServer server =
        DashboardServer.start(workspace, starter, DashboardServer.Options.local(0), "bench")) {
      HttpClient http = HttpClient.newHttpClient();
      URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/live");
      // A warm-up run first: the JIT, the classes, the file cache.
      runOnce(server, starter, seconds, none, false);
      none.clear();
      for (int i = 0; i < 2 * runs; i++) {
        boolean withClients = i % 2 == 1;
        List<Reader> readers = new ArrayList<>();
        if (withClients) {
          for (int c = 0; c < clients; c++) {
            readers.add(Reader.connect(http, live));
          }
        }
        long t0 = System.nanoTime();
        runOnce(server, starter, seconds, withClients ? attached : none, true);
        double wallS = (System.nanoTime() - t0) / 1e9;
        for (Reader r : readers) {
          rates.add(r.states.get() / wallS);
          received += r.messages.get();
          r.close();
        }
        progress.accept(i + 1);
      }
    } finally {
      deleteQuietly(dir);
    }
    return new Result(
        clients,
        runs,
        percentile(none, 0.5),
        percentile(attached, 0.5),
        none.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        attached.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        percentile(rates, 0.5),
        (int) rates.stream().filter(hz -> hz < 10).count(),
        (double) received / Math.max(1, (long) clients * runs));
  }

  private static void runOnce(
      DashboardServer server,
      CliRunStarter starter,
      double seconds,
      List<Double> into,
      boolean keep)
      throws IOException, InterruptedException {
    RunStarter.Prepared prepared =
        starter.prepare(new RunStarter.Request("explorer", "office", 1, 8, seconds));
    List<Double> feedMs = new ArrayList<>();
    // The dashboard's listener runs on the control thread after the tick's own stages are timed;
    // its time is measured here and added to each tick's.
    RunStarter.Prepared run =
        new RunStarter.Prepared(
            prepared.runId(),
            prepared.agent(),
            prepared.arena(),
            prepared.seed(),
            prepared.speed(),
            prepared.durationS(),
            (control, listener) -> prepared.launch().run(control, timed(listener, feedMs)));
    Dashboards.await(server.startRun(run));
    if (keep) {
      Path recorded = starter.runsDirectory().resolve(run.runId());
      List<TickRecord> ticks = RunRecording.read(recorded).ticks();
      for (int i = 0; i < ticks.size(); i++) {
        into.add(ticks.get(i).tickTimeMs() + (i < feedMs.size() ? feedMs.get(i) : 0));
      }
    }
  }

  private static TickListener timed(TickListener listener, List<Double> intoMs) {
    return new TickListener() {
      @Override
      public void tick(TickRecord record, WorldModel world) {
        long t0 = System.nanoTime();
        listener.tick(record, world);
        intoMs.add((System.nanoTime() - t0) / 1e6);
      }

      @Override
      public void seen(CameraFrame image, VisionFrame vision) {
        listener.seen(image, vision);
      }
    };
  }

  /** One dashboard client: reads every message as it comes, as a browser tab does. */
  private static final class Reader implements WebSocket.Listener {
    final AtomicLong messages = new AtomicLong();
    final AtomicLong states = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Reader connect(HttpClient http, URI uri) throws InterruptedException {
      Reader r = new Reader();
      try {
        r.socket = http.newWebSocketBuilder().buildAsync(uri, r).get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("a benchmark client could not connect to " + uri, e);
      }
      return r;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.incrementAndGet();
        if (partial.indexOf("\"type\":\"state\"") >= 0) {
          states.incrementAndGet();
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    void close() {
      var unused = socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  private static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory; the system cleans it up in the end.
    }
  }
}
