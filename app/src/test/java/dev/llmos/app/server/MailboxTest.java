package dev.llmos.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The per-client outbox, against a channel whose sends complete only when the test says. */
class MailboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A channel that holds each send until {@link #complete()} or {@link #fail()}. */
  private static final class HeldChannel implements Mailbox.Channel {
    final List<String> sent = new ArrayList<>();
    int sends;
    int inFlight;
    int maxInFlight;
    Runnable done;
    Consumer<Throwable> failed;
    Integer closedWith;

    @Override
    public void send(String text, Runnable sent, Consumer<Throwable> failed) {
      this.sent.add(text);
      sends++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      this.done = sent;
      this.failed = failed;
    }

    @Override
    public void close(int code, String reason) {
      closedWith = code;
    }

    void complete() {
      Runnable d = done;
      done = null;
      failed = null;
      inFlight--;
      d.run();
    }

    void fail() {
      Consumer<Throwable> f = failed;
      done = null;
      failed = null;
      inFlight--;
      f.accept(new java.io.IOException("broken pipe"));
    }

    String last() {
      return sent.get(sent.size() - 1);
    }
  }

  /** A state message as the hub makes it: for a client that skipped nothing. */
  private static String state(long tick) {
    return "{\"type\":\"state\",\"tick\":" + tick + "," + Mailbox.NONE_DROPPED;
  }

  @Test
  void sendsOneMessageAtATime() {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);

    box.offer("hello", "{\"type\":\"hello\"}");
    box.offer("run", "{\"type\":\"run\"}");
    box.offer("map", "{\"type\":\"map\"}");

    assertThat(channel.sends).isEqualTo(1);
    assertThat(channel.last()).isEqualTo("{\"type\":\"hello\"}");
    channel.complete();
    assertThat(channel.sends).isEqualTo(2);
    channel.complete();
    assertThat(channel.sends).isEqualTo(3);
    channel.complete();
    assertThat(channel.sends).isEqualTo(3);
    assertThat(channel.maxInFlight).isEqualTo(1);
    assertThat(box.dropped()).isZero();

    // Idle: the next offer goes out at once.
    box.offer("map", "{\"type\":\"map\",\"n\":2}");
    assertThat(channel.sends).isEqualTo(4);
    assertThat(channel.last()).isEqualTo("{\"type\":\"map\",\"n\":2}");
  }

  @Test
  void aNewerMessageOfATypeReplacesThePendingOneAndCountsAsDropped() throws Exception {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);
    box.offer("hello", "{\"type\":\"hello\"}");

    box.offer("state", state(1));
    box.offer("state", state(2));
    box.offer("state", state(3));
    box.offer("map", "{\"type\":\"map\",\"tick\":1}");
    box.offer("map", "{\"type\":\"map\",\"tick\":2}");

    assertThat(box.dropped()).isEqualTo(3);
    channel.complete();
    JsonNode state = JSON.readTree(channel.last());
    assertThat(state.get("tick").asLong()).isEqualTo(3);
    channel.complete();
    assertThat(JSON.readTree(channel.last()).get("tick").asLong()).isEqualTo(2);
    channel.complete();
    assertThat(channel.sends).isEqualTo(3);
  }

  @Test
  void sendsRunBeforeStateBeforeMapBeforeCamera() {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);
    box.offer("hello", "{\"type\":\"hello\"}");

    box.offer("camera", "{\"type\":\"camera\"}");
    box.offer("map", "{\"type\":\"map\"}");
    box.offer("state", state(7));
    box.offer("run", "{\"type\":\"run\"}");
    for (int i = 0; i < 4; i++) {
      channel.complete();
    }

    assertThat(channel.sent)
        .extracting(s -> s.replaceAll(".*\"type\":\"([a-z]+)\".*", "$1"))
        .containsExactly("hello", "run", "state", "map", "camera");
  }

  @Test
  void stateMessagesCarryTheDroppedCountAsValidJson() throws Exception {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);

    box.offer("state", state(1));
    JsonNode first = JSON.readTree(channel.last());
    assertThat(first.get("dropped").asLong()).isZero();
    assertThat(first.get("tick").asLong()).isEqualTo(1);

    box.offer("state", state(2));
    box.offer("state", state(3));
    box.offer("state", "{\"type\":\"state\",\"robots\":[{\"id\":\"robot-1\"}],\"tick\":4}");
    channel.complete();

    JsonNode next = JSON.readTree(channel.last());
    assertThat(next.get("type").asText()).isEqualTo("state");
    assertThat(next.get("tick").asLong()).isEqualTo(4);
    assertThat(next.get("robots").get(0).get("id").asText()).isEqualTo("robot-1");
    assertThat(next.get("dropped").asLong()).isEqualTo(2);

    // Other types are sent as they are.
    channel.complete();
    box.offer("map", "{\"type\":\"map\"}");
    assertThat(channel.last()).isEqualTo("{\"type\":\"map\"}");
  }

  @Test
  void aFailedSendClosesTheMailbox() {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);
    box.offer("hello", "{\"type\":\"hello\"}");
    box.offer("state", state(1));

    channel.fail();

    assertThat(box.isClosed()).isTrue();
    assertThat(channel.sends).isEqualTo(1);
    box.offer("state", state(2));
    assertThat(channel.sends).isEqualTo(1);
    assertThat(box.stuck(System.nanoTime() + 60_000_000_000L, 1)).isFalse();
  }

  @Test
  void isStuckWhenAMessageHasBeenInFlightLongerThanAsked() {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);
    long before = System.nanoTime();
    assertThat(box.stuck(before + 60_000_000_000L, 1_000_000L)).isFalse();

    box.offer("hello", "{\"type\":\"hello\"}");
    long after = System.nanoTime();

    assertThat(box.stuck(after, 10_000_000_000L)).isFalse();
    assertThat(box.stuck(after + 10_000_000_001L, 10_000_000_000L)).isTrue();
    assertThat(box.stuck(before + 9_000_000_000L, 10_000_000_000L)).isFalse();

    channel.complete();
    assertThat(box.stuck(after + 60_000_000_000L, 10_000_000_000L)).isFalse();
  }

  @Test
  void closeStopsEverything() {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);
    box.offer("hello", "{\"type\":\"hello\"}");
    box.offer("state", state(1));
    box.offer("map", "{\"type\":\"map\"}");

    box.close(1001, "bye");

    assertThat(box.isClosed()).isTrue();
    assertThat(channel.closedWith).isEqualTo(1001);
    channel.complete();
    box.offer("state", state(2));
    assertThat(channel.sends).isEqualTo(1);

    channel.closedWith = null;
    box.close(1001, "again");
    assertThat(channel.closedWith).as("closed once").isNull();
  }

  @Test
  void aClientThatNeverTakesAMessageHoldsAtMostOnePerType() {
    HeldChannel channel = new HeldChannel();
    Mailbox box = new Mailbox(channel);
    String[] types = {"run", "state", "map", "camera"};
    int offers = 10_000;

    for (int i = 0; i < offers; i++) {
      String type = types[i % types.length];
      box.offer(type, "{\"type\":\"" + type + "\",\"n\":" + i + "}");
    }

    int inFlight = 1;
    int pending = types.length;
    assertThat(channel.sends).isEqualTo(inFlight);
    assertThat(box.dropped()).isEqualTo(offers - pending - inFlight);
  }
}
