package dev.llmos.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import dev.llmos.sim.arena.ArenaCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that reads nothing must not slow the run nor the other clients, nor make the server hold
 * more than a message per type for it; after 10 s it is let go. The run is synthetic: ticks at
 * about 100 Hz with large decisions, so a stalled client's socket buffers fill within a second or
 * two.
 */
class LiveServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** About 4 KB a decision: a state message of 20 is about 80 KB. */
  private static final String REASON = "x".repeat(4000);

  @TempDir Path dir;

  /** A run that ticks at about 100 Hz until stopped, timing what the listener costs each tick. */
  private static final class SyntheticRun {
    final List<Long> listenerNanos = new ArrayList<>();
    final AtomicInteger ticks = new AtomicInteger();

    RunStarter.Prepared prepare() {
      return new RunStarter.Prepared(
          "synthetic-run",
          "synthetic",
          ArenaCatalog.loadPackaged("office"),
          1,
          1,
          3600,
          (control, listener) -> {
            WorldModel world =
                new WorldModel("robot-1", GridGeometry.covering(0, 0, 8, 6, 0.05), 0.1);
            long tick = 0;
            while (!control.isStopped()) {
              if (control.isPaused()) {
                control.awaitRunning();
              }
              double timeS = tick * 0.1;
              double x = 1 + (tick % 500) * 0.01;
              world.recordPose(timeS, new Pose2d(x, 1, Rotation2d.ofRadians(0)));
              TickRecord record =
                  new TickRecord(
                      tick,
                      timeS,
                      x,
                      1,
                      0,
                      1.0,
                      false,
                      0,
                      "instinct",
                      REASON,
                      0.9,
                      0,
                      "twist 0.10 m/s 0.00 rad/s",
                      "accepted",
                      Map.of("decide", 0.1));
              long t0 = System.nanoTime();
              listener.tick(record, world);
              long spent = System.nanoTime() - t0;
              synchronized (this) {
                listenerNanos.add(spent);
              }
              ticks.incrementAndGet();
              tick++;
              TimeUnit.MILLISECONDS.sleep(10);
            }
            return new RunSummary(
                "stopped", tick * 0.1, tick, 0, 0, 0, Map.of(), Map.of(), 0.1, 0.1);
          });
    }

    synchronized long[] listenerNanos() {
      return listenerNanos.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /**
   * A run is live before it has a recording (the real starter records from its run thread, once the
   * simulation is set up): it is listed and can be looked at all the same.
   */
  @Test
  void aLiveRunNotRecordedYetIsListedAndCanBeLookedAt() throws Exception {
    Workspace workspace = Workspace.init(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
    SyntheticRun synthetic = new SyntheticRun();
    try (DashboardServer server =
        DashboardServer.start(
            workspace, request -> synthetic.prepare(), DashboardServer.Options.local(0), "0.0.0")) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> started =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"a\",\"arena\":\"b\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      HttpResponse<String> list =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/runs")).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode runs = JSON.readTree(list.body());
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).get("id").asText()).isEqualTo("synthetic-run");
      assertThat(runs.get(0).get("agent").asText()).isEqualTo("synthetic");
      assertThat(runs.get(0).get("live").asBoolean()).isTrue();

      HttpResponse<String> detail =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/runs/synthetic-run")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
      JsonNode run = JSON.readTree(detail.body());
      assertThat(run.get("header").isNull()).isTrue();
      assertThat(run.get("ticks").asLong()).isZero();
      assertThat(run.get("live").get("state").asText()).isEqualTo("running");

      server.liveControl().orElseThrow().stop();
      await(() -> server.liveControl().isEmpty(), Duration.ofSeconds(10), "the run to stop");
    }
  }

  @Test
  void aClientThatReadsNothingSlowsNothingAndIsLetGoAfterTenSeconds() throws Exception {
    Workspace workspace = Workspace.init(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
    SyntheticRun synthetic = new SyntheticRun();
    try (DashboardServer server =
        DashboardServer.start(
            workspace, request -> synthetic.prepare(), DashboardServer.Options.local(0), "0.0.0")) {
      URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/live");
      LiveClient slow = LiveClient.connect(live, false);
      LiveClient normal = LiveClient.connect(live, true);
      try {
        await(() -> server.clients() == 2, Duration.ofSeconds(10), "two clients");
        CompletableFuture<RunSummary> done = server.startRun(synthetic.prepare());

        // The slow client's socket fills up; from then on its mailbox replaces messages.
        long startedAt = System.nanoTime();
        await(() -> server.droppedMessages() > 20, Duration.ofSeconds(8), "dropped messages");
        assertThat(slow.size()).as("the slow client took only what it asked").isEqualTo(1);

        // Meanwhile the normal client gets its state messages at full rate.
        int from = normal.stateCount();
        int ticksBefore = synthetic.ticks.get();
        long droppedBefore = server.droppedMessages();
        long t0 = System.nanoTime();
        Thread.sleep(2000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long droppedAfter = server.droppedMessages();
        List<JsonNode> states = normal.states(from);
        assertThat(states).isNotEmpty();
        long normalDropped =
            states.get(states.size() - 1).get("dropped").asLong()
                - states.get(0).get("dropped").asLong();
        // About 20 state messages a second are replaced in the stalled client's mailbox.
        assertThat(droppedAfter - droppedBefore - normalDropped)
            .as("messages dropped for the slow client in %.1f s", seconds)
            .isGreaterThanOrEqualTo(20);
        assertThat(states.size() / seconds)
            .as("state messages a second to the normal client")
            .isGreaterThanOrEqualTo(10);
        long previous = -1;
        for (JsonNode s : states) {
          assertThat(s.get("tick").asLong()).isGreaterThan(previous);
          previous = s.get("tick").asLong();
          assertThat(s.get("dropped").asLong()).isNotNegative();
          assertThat(s.get("decisions").size()).isBetween(1, LiveFeed.DECISIONS);
        }
        // The run itself keeps its pace: about 100 ticks a second, 10 ms sleeps included.
        assertThat((synthetic.ticks.get() - ticksBefore) / seconds).isGreaterThan(40);
        assertThat(slow.closed()).as("the slow client is still connected").isNotDone();
        assertThat(server.clients()).isEqualTo(2);

        // A client that took nothing for 10 s is let go, the other stays.
        await(
            () -> server.clients() == 1,
            Duration.ofSeconds(10 + 10).minusNanos(System.nanoTime() - startedAt),
            "the stuck client to be let go");
        assertThat(normal.closed()).isNotDone();
        int nowCount = normal.stateCount();
        await(
            () -> normal.stateCount() > nowCount + 5,
            Duration.ofSeconds(5),
            "the normal client keeps receiving");

        server.liveControl().orElseThrow().stop();
        RunSummary summary = done.get(10, TimeUnit.SECONDS);
        assertThat(summary.outcome()).isEqualTo("stopped");
        long[] nanos = synthetic.listenerNanos();
        Arrays.sort(nanos);
        assertThat(nanos.length).isGreaterThan(500);
        assertThat(nanos[nanos.length / 2])
            .as("median time a tick spends in the dashboard's listener, ns")
            .isLessThan(1_000_000L);
      } finally {
        slow.abort();
        normal.abort();
      }
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
