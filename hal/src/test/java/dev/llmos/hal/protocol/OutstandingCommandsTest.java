package dev.llmos.hal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.time.ManualClock;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutstandingCommandsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final OutstandingCommands commands =
      new OutstandingCommands(clock, RetryPolicy.DEFAULT, new SequenceCounter());

  private static Frame decode(byte[] wire) {
    TestFrames.Collector c = new TestFrames.Collector();
    new FrameDecoder(c).accept(wire);
    return c.frames.get(0);
  }

  @Test
  void anAckSettlesTheCommand() {
    PendingCommand p = commands.send(new Twist(0.1, 0, 1));
    assertThat(decode(p.wire())).isEqualTo(new Frame(0, new CommandMessage(new Twist(0.1, 0, 1))));
    assertThat(commands.onReply(new Ack(0))).isTrue();
    assertThat(p.outcome())
        .isCompletedWithValue(
            new CommandOutcome(
                0, new Twist(0.1, 0, 1), CommandOutcome.Status.ACKED, Optional.empty(), 1));
    assertThat(commands.size()).isZero();
    assertThat(commands.onReply(new Ack(0))).as("a repeated ack").isFalse();
  }

  @Test
  void aNackCarriesTheRobotsReason() {
    PendingCommand p = commands.send(new Stop());
    commands.onReply(new Nack(p.seq(), NackReason.EMERGENCY_LATCHED));
    assertThat(p.outcome().join().status()).isEqualTo(CommandOutcome.Status.NACKED);
    assertThat(p.outcome().join().nackReason()).contains(NackReason.EMERGENCY_LATCHED);
  }

  @Test
  void resendsTheSameBytesAfterTheIntervalAndGivesUpAfterTheRetries() {
    PendingCommand p = commands.send(new Stop());
    assertThat(commands.nextDueAt()).contains(clock.instant().plusMillis(100));
    clock.advance(Duration.ofMillis(99));
    assertThat(commands.due()).isEmpty();
    for (int retry = 1; retry <= 3; retry++) {
      clock.advance(Duration.ofMillis(100));
      List<byte[]> resend = commands.due();
      assertThat(resend).hasSize(1);
      assertThat(resend.get(0)).containsExactly(p.wire());
      assertThat(p.outcome()).isNotDone();
    }
    clock.advance(Duration.ofMillis(100));
    assertThat(commands.due()).isEmpty();
    assertThat(Duration.ofMillis(400)).isEqualTo(RetryPolicy.DEFAULT.giveUpAfter());
    CommandOutcome o = p.outcome().join();
    assertThat(o.status()).isEqualTo(CommandOutcome.Status.UNANSWERED);
    assertThat(o.attempts()).isEqualTo(4);
    assertThat(commands.size()).isZero();
    assertThat(commands.nextDueAt()).isEmpty();
  }

  @Test
  void anAckAfterAResendCountsTheAttempts() {
    PendingCommand p = commands.send(new Stop());
    clock.advance(Duration.ofMillis(150));
    commands.due();
    commands.onReply(new Ack(p.seq()));
    assertThat(p.outcome().join().attempts()).isEqualTo(2);
  }

  @Test
  void sequenceNumbersWrapAndAreSharedWithOtherFrames() {
    SequenceCounter seqs = new SequenceCounter(65534);
    OutstandingCommands c = new OutstandingCommands(clock, RetryPolicy.DEFAULT, seqs);
    assertThat(c.send(new Stop()).seq()).isEqualTo(65534);
    assertThat(seqs.next()).as("a heartbeat takes a number").isEqualTo(65535);
    PendingCommand wrapped = c.send(new Stop());
    assertThat(wrapped.seq()).isZero();
    assertThat(decode(wrapped.wire()).seq()).isZero();
    assertThat(c.onReply(new Ack(0))).isTrue();
    assertThat(wrapped.outcome().join().status()).isEqualTo(CommandOutcome.Status.ACKED);
  }

  @Test
  void refusesMoreThanItsCapacityAndAbandonsOnClose() {
    OutstandingCommands c =
        new OutstandingCommands(clock, RetryPolicy.DEFAULT, new SequenceCounter(), 2);
    PendingCommand a = c.send(new Stop());
    c.send(new Stop());
    assertThatThrownBy(() -> c.send(new Stop())).isInstanceOf(IllegalStateException.class);
    c.abandonAll();
    assertThat(a.outcome().join().status()).isEqualTo(CommandOutcome.Status.UNANSWERED);
    assertThat(c.size()).isZero();
  }
}
