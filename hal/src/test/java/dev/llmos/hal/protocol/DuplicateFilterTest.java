package dev.llmos.hal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void aResentCommandGetsTheSameReplyWithoutRunningAgain() {
    DuplicateFilter filter = new DuplicateFilter(clock);
    int executions = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
      CommandReply reply;
      if (filter.previousReply(42).isPresent()) {
        reply = filter.previousReply(42).get();
      } else {
        executions++;
        reply = new Nack(42, NackReason.UNSAFE);
        filter.remember(reply);
      }
      assertThat(reply).isEqualTo(new Nack(42, NackReason.UNSAFE));
    }
    assertThat(executions).isEqualTo(1);
  }

  @Test
  void forgetsAfterItsMemorySoAWrappedNumberIsNew() {
    DuplicateFilter filter = new DuplicateFilter(clock, 8, Duration.ofSeconds(2));
    filter.remember(new Ack(7));
    clock.advance(Duration.ofMillis(1999));
    assertThat(filter.previousReply(7)).contains(new Ack(7));
    clock.advance(Duration.ofMillis(1));
    assertThat(filter.previousReply(7)).isEmpty();
  }

  @Test
  void keepsOnlyTheLatestReplies() {
    DuplicateFilter filter = new DuplicateFilter(clock, 2, Duration.ofSeconds(2));
    filter.remember(new Ack(1));
    filter.remember(new Ack(2));
    filter.remember(new Ack(3));
    assertThat(filter.previousReply(1)).isEmpty();
    assertThat(filter.previousReply(2)).contains(new Ack(2));
    assertThat(filter.previousReply(3)).contains(new Ack(3));
    filter.clear();
    assertThat(filter.previousReply(3)).isEmpty();
  }
}
