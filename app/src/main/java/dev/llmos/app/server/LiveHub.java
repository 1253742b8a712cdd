package dev.llmos.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The dashboard's WebSocket clients and the one thread that feeds them. Every 66 ms it looks at the
 * live run's feed, makes each new message's JSON once and offers it to every client's {@link
 * Mailbox}. The control loop never waits on this: it only leaves values in the {@link LiveFeed}.
 */
final class LiveHub implements AutoCloseable {
  /** 15 Hz: over the 10 Hz a person needs, with room for a late period. */
  static final long PERIOD_MS = 66;

  /** A camera frame is a few kilobytes; four a second is plenty to watch. */
  static final long CAMERA_PERIOD_NANOS = 250_000_000L;

  /** A client that has not taken a message for this long is let go. */
  static final long STUCK_NANOS = 10_000_000_000L;

  private final ObjectMapper json;
  private final Supplier<Optional<LiveFeed>> feed;
  private final Supplier<Object> hello;
  private final Map<String, Mailbox> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService pump =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "llmos-dashboard-live");
            t.setDaemon(true);
            return t;
          });

  private LiveFeed lastFeed;
  private long lastTick = -1;
  private long lastMapTick = -1;
  private int lastFrame = -1;
  private long lastCameraAt;
  private boolean cameraSent;

  /**
   * @param feed the live run's feed, if a run is live
   * @param hello the first message a new client gets
   */
  LiveHub(ObjectMapper json, Supplier<Optional<LiveFeed>> feed, Supplier<Object> hello) {
    this.json = json;
    this.feed = feed;
    this.hello = hello;
    var unused = pump.scheduleAtFixedRate(this::pumpSafely, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** A new client: it gets the hello, then the newest map, camera frame and state at once. */
  Mailbox connect(String id, Mailbox.Channel channel) {
    Mailbox box = new Mailbox(channel);
    box.offer("hello", write(hello.get()));
    feed.get()
        .ifPresent(
            f -> {
              f.map().ifPresent(m -> box.offer("map", write(m)));
              f.camera().ifPresent(c -> box.offer("camera", write(c)));
              f.state().ifPresent(s -> box.offer("state", write(s)));
            });
    // Only now does the pump see it: the hello goes first.
    clients.put(id, box);
    return box;
  }

  void disconnect(String id) {
    clients.remove(id);
  }

  int clients() {
    return clients.size();
  }

  /** Sends a message of {@code type} to every client, through their mailboxes. */
  void publish(String type, Object message) {
    if (clients.isEmpty()) {
      return;
    }
    String text = write(message);
    for (Mailbox box : clients.values()) {
      box.offer(type, text);
    }
  }

  /** Messages dropped for slow clients, over all connected clients. */
  long dropped() {
    return clients.values().stream().mapToLong(Mailbox::dropped).sum();
  }

  private void pumpSafely() {
    try {
      pump();
    } catch (RuntimeException e) {
      // One bad frame must not end the live view; the next period tries again.
      System.err.println("dashboard: live update failed: " + e);
    }
  }

  private void pump() {
    long now = System.nanoTime();
    clients
        .values()
        .removeIf(
            box -> {
              if (box.stuck(now, STUCK_NANOS)) {
                // A close frame would queue behind what it cannot read: drop it outright.
                box.abort();
              }
              return box.isClosed();
            });
    Optional<LiveFeed> current = feed.get();
    if (current.isEmpty() || clients.isEmpty()) {
      return;
    }
    LiveFeed f = current.get();
    if (f != lastFeed) {
      lastFeed = f;
      lastTick = -1;
      lastMapTick = -1;
      lastFrame = -1;
    }
    if (f.tick() != lastTick) {
      Optional<LiveFeed.StateView> state = f.state();
      if (state.isPresent()) {
        lastTick = state.get().tick();
        publish("state", state.get());
      }
    }
    Optional<MapView> map = f.map();
    if (map.isPresent() && map.get().tick() != lastMapTick) {
      lastMapTick = map.get().tick();
      publish("map", map.get());
    }
    if (f.frameId() != lastFrame && (!cameraSent || now - lastCameraAt >= CAMERA_PERIOD_NANOS)) {
      Optional<LiveFeed.CameraView> camera = f.camera();
      if (camera.isPresent()) {
        lastFrame = camera.get().frameId();
        lastCameraAt = now;
        cameraSent = true;
        publish("camera", camera.get());
      }
    }
  }

  private String write(Object message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until every client has taken what was offered to it, at most {@code millis}: the last
   * messages of a run (its end) reach the page before the server goes.
   */
  void drain(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    try {
      // One more round first, so what the run did last is on its way.
      pump.submit(this::pumpSafely).get(millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      // The pump is gone or slow; what is in the mailboxes still goes.
    }
    while (System.nanoTime() < deadline
        && clients.values().stream().anyMatch(box -> !box.isClosed() && !box.isIdle())) {
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    pump.shutdownNow();
    for (Mailbox box : clients.values()) {
      box.close(1001, "the dashboard is shutting down");
    }
    clients.clear();
  }
}
