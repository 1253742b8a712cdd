package dev.llmos.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryQueryTest {
  @TempDir Path tmp;

  private static Trace log(MemoryFixture f, String goal, String outcome, String notes) {
    Trace t =
        f.store.log(
            new NewTrace(
                "seeker", goal, outcome, 0.9, 12, Optional.empty(), Optional.empty(), notes));
    f.clock.advance(Duration.ofMinutes(5));
    return t;
  }

  @Test
  void ranksByRelevanceOverGoalOutcomeAndNotes() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Trace ball = log(f, "Find the red ball", "Found the red ball behind the sofa", "");
    Trace line = log(f, "Follow the black line", "Lost the line at the sharp corner", "");
    Trace walls = log(f, "Avoid walls", "Bumped once", "The red paint on the wall confused it.");

    assertThat(f.store.query("red balls"))
        .extracting(MemoryHit::id)
        .containsExactly(ball.id(), walls.id());
    assertThat(f.store.query("corner")).extracting(MemoryHit::id).containsExactly(line.id());
    assertThat(f.store.query("red balls").get(0))
        .satisfies(h -> assertThat(h.kind()).isEqualTo(MemoryKind.SHORT_TERM))
        .satisfies(h -> assertThat(h.goal()).isEqualTo("Find the red ball"))
        .satisfies(h -> assertThat(h.time()).isEqualTo(ball.time()))
        .satisfies(h -> assertThat(h.score()).isPositive())
        .satisfies(
            h ->
                assertThat(h.summary())
                    .isEqualTo("seeker, success 0.90, 12.0 s: Found the red ball behind the sofa"));
  }

  @Test
  void equalScoresAreOrderedNewestFirst() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Trace older = log(f, "Find the ball", "Found it", "");
    Trace newer = log(f, "Find the ball", "Found it", "");
    var hits = f.store.query("ball");
    assertThat(hits.get(0).score()).isEqualTo(hits.get(1).score());
    assertThat(hits).extracting(MemoryHit::id).containsExactly(newer.id(), older.id());
  }

  @Test
  void theLimitDefaultsToTheKernelsAndIsRefusedAboveItsMaximum() {
    MemoryFixture f = MemoryFixture.create(tmp);
    for (int i = 0; i < 7; i++) {
      log(f, "Find ball " + i, "Found ball " + i, "");
    }
    assertThat(f.workspace.kernel().memory().queryDefaultLimit()).isEqualTo(5);
    assertThat(f.store.query("ball")).hasSize(5);
    assertThat(f.store.query("ball", 7)).hasSize(7);
    assertThat(f.store.query("ball", 50)).hasSize(7);
    assertThatThrownBy(() -> f.store.query("ball", 51))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a limit of 51 is above memory.query.max_limit (50, set in kernel/memory-rules.md);"
                + " ask for at most 50 or use a more precise query");
    assertThatThrownBy(() -> f.store.query("ball", 0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> f.store.query("  ")).hasMessageContaining("query text is empty");
  }

  @Test
  void longTermLearningsAreFoundToo() {
    MemoryFixture f = MemoryFixture.create(tmp);
    for (int i = 0; i < 3; i++) {
      log(f, "Find the red ball", "Found it near the door", "");
    }
    log(f, "Follow the line", "Done", "");
    Learning learnt = new Consolidator(f.store).consolidate().written().get(0);

    var hits = f.store.query("red ball", 10);

    assertThat(hits).hasSize(4);
    assertThat(hits)
        .filteredOn(h -> h.kind() == MemoryKind.LONG_TERM)
        .singleElement()
        .satisfies(h -> assertThat(h.id()).isEqualTo(learnt.id()))
        .satisfies(
            h ->
                assertThat(h.summary())
                    .isEqualTo("3 traces, success 0.90, best agent seeker, mean 12.0 s"));
  }

  @Test
  void queryTextIsWordsNeverSyntax() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Trace ball = log(f, "Find the red ball", "Found it", "");
    assertThat(f.store.query("red AND \"ball OR ("))
        .extracting(MemoryHit::id)
        .containsExactly(ball.id());
    assertThat(f.store.query("the of and")).isEmpty();
  }
}
