package dev.llmos.app.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One WebSocket client's outbox: the newest message of each type and at most one in flight. A
 * client that reads slowly has older messages replaced (counted as dropped) instead of queued, so
 * it never holds memory beyond one message per type and never makes a sender wait.
 */
final class Mailbox {
  /** Where the messages go: an asynchronous send that reports back once, either way. */
  interface Channel {
    void send(String text, Runnable sent, Consumer<Throwable> failed);

    void close(int code, String reason);

    /** Drops the connection without a closing handshake, which a stuck client could not read. */
    default void abort() {
      close(1008, "aborted");
    }
  }

  /** Sent first when several are waiting: a run's change of state before its frames. */
  private static final String[] ORDER = {"hello", "run", "state", "map", "camera"};

  /** How a {@code state} message for a client that skipped nothing ends. */
  static final String NONE_DROPPED = "\"dropped\":0}";

  private final Channel channel;
  private final Map<String, String> pending = new LinkedHashMap<>();
  private boolean inFlight;
  private long inFlightSince;
  private long dropped;
  private boolean closed;

  Mailbox(Channel channel) {
    this.channel = channel;
  }

  /**
   * Hands a message over; returns at once. A {@code state} message gets the client's count of
   * dropped messages spliced in, so the JSON is made once for all clients.
   */
  void offer(String type, String json) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (pending.put(type, json) != null) {
        dropped++;
      }
      if (inFlight) {
        return;
      }
    }
    sendNext();
  }

  /** Messages replaced before they could be sent. */
  synchronized long dropped() {
    return dropped;
  }

  /** Whether a message has been in flight for longer than {@code nanos} at {@code now}. */
  synchronized boolean stuck(long now, long nanos) {
    return inFlight && now - inFlightSince > nanos;
  }

  /** Nothing waiting and nothing in flight. */
  synchronized boolean isIdle() {
    return !inFlight && pending.isEmpty();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  void close(int code, String reason) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending.clear();
    }
    channel.close(code, reason);
  }

  /** Lets a stuck client go at once: nothing more is sent, the connection is dropped. */
  void abort() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending.clear();
    }
    channel.abort();
  }

  /** Sends the most urgent waiting message, outside the lock: a send may complete at once. */
  private void sendNext() {
    String text;
    synchronized (this) {
      if (inFlight || closed || pending.isEmpty()) {
        return;
      }
      String type = next();
      text = pending.remove(type);
      if (type.equals("state") && dropped > 0) {
        // Only a client that skipped gets a copy of its own; the rest share one text.
        text =
            text.endsWith(NONE_DROPPED)
                ? text.substring(0, text.length() - NONE_DROPPED.length())
                    + "\"dropped\":"
                    + dropped
                    + "}"
                : text.substring(0, text.length() - 1) + ",\"dropped\":" + dropped + "}";
      }
      inFlight = true;
      inFlightSince = System.nanoTime();
    }
    channel.send(text, this::sent, this::failed);
  }

  private String next() {
    for (String type : ORDER) {
      if (pending.containsKey(type)) {
        return type;
      }
    }
    return pending.keySet().iterator().next();
  }

  private void sent() {
    synchronized (this) {
      inFlight = false;
    }
    sendNext();
  }

  private void failed(Throwable why) {
    synchronized (this) {
      inFlight = false;
      closed = true;
      pending.clear();
    }
  }
}
