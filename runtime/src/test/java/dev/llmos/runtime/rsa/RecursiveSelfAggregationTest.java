package dev.llmos.runtime.rsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.config.RsaPreset;
import dev.llmos.kernel.config.RsaSettings.FinalSelection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// The timeouts only keep a broken engine from hanging the build; nothing here is timed.
@Timeout(60)
class RecursiveSelfAggregationTest {
  /** Long enough never to fire in a passing test; short enough that a bug fails, not hangs. */
  private static final Duration GUARD = Duration.ofSeconds(10);

  private static RecursiveSelfAggregation<Integer> engine(RsaPreset preset, FinalSelection how) {
    return new RecursiveSelfAggregation<>(preset, how, Objects::equals, GUARD);
  }

  private static Candidate<Integer> answer(int value) {
    return Candidate.of(value, "answer " + value, 10);
  }

  /** A task from two functions, recording every aggregation's subset values. */
  private static final class Scripted implements RsaTask<Integer> {
    final IntFunction<CompletableFuture<Candidate<Integer>>> generate;
    final Aggregate aggregate;
    final List<List<Integer>> subsetsSeen = new CopyOnWriteArrayList<>();

    interface Aggregate {
      CompletableFuture<Candidate<Integer>> apply(int step, int index, List<Integer> values);
    }

    Scripted(IntFunction<CompletableFuture<Candidate<Integer>>> generate, Aggregate aggregate) {
      this.generate = generate;
      this.aggregate = aggregate;
    }

    @Override
    public CompletableFuture<Candidate<Integer>> generate(int index) {
      return generate.apply(index);
    }

    @Override
    public CompletableFuture<Candidate<Integer>> aggregate(
        int step, int index, List<Candidate<Integer>> subset) {
      List<Integer> values = subset.stream().map(c -> c.value().orElse(-1)).toList();
      subsetsSeen.add(values);
      return aggregate.apply(step, index, values);
    }
  }

  /** Distinct answers everywhere: no two agree, so the run never stops early. */
  private static Scripted neverAgreeing() {
    return new Scripted(
        i -> CompletableFuture.completedFuture(answer(i)),
        (step, i, values) -> CompletableFuture.completedFuture(answer(100 * step + i)));
  }

  /**
   * A task whose futures complete only once all N calls of a population are outstanding: if the
   * engine waited for one before issuing the next, that call would time out and fail.
   */
  private static final class Barrier implements RsaTask<Integer> {
    private final int n;
    private final List<CompletableFuture<Candidate<Integer>>> pending = new ArrayList<>();
    private int maxInFlight;
    private int next;

    Barrier(int n) {
      this.n = n;
    }

    private synchronized CompletableFuture<Candidate<Integer>> call() {
      CompletableFuture<Candidate<Integer>> f = new CompletableFuture<>();
      pending.add(f);
      maxInFlight = Math.max(maxInFlight, pending.size());
      if (pending.size() == n) {
        for (CompletableFuture<Candidate<Integer>> p : pending) {
          p.complete(answer(next++));
        }
        pending.clear();
      }
      return f;
    }

    @Override
    public CompletableFuture<Candidate<Integer>> generate(int index) {
      return call();
    }

    @Override
    public CompletableFuture<Candidate<Integer>> aggregate(
        int step, int index, List<Candidate<Integer>> subset) {
      return call();
    }

    synchronized int maxInFlight() {
      return maxInFlight;
    }
  }

  @Test
  void everyCallOfAPopulationIsInFlightBeforeAnyIsAwaited() {
    Barrier task = new Barrier(4);

    RsaOutcome<Integer> out =
        engine(new RsaPreset("quick", 4, 2, 2, 1.0), FinalSelection.MAJORITY).run(task, 1);

    RsaHistory h = out.history();
    assertThat(task.maxInFlight()).isEqualTo(4);
    assertThat(h.steps()).hasSize(3);
    assertThat(h.steps())
        .allSatisfy(
            s ->
                assertThat(s.members())
                    .hasSize(4)
                    .allSatisfy(m -> assertThat(m.valid()).as(m.invalidReason()).isTrue()));
    assertThat(h.calls()).isEqualTo(12);
    assertThat(h.failedCalls()).isZero();
    assertThat(h.totalTokens()).isEqualTo(120);
  }

  @Test
  void subsetsAreDrawnWithoutReplacementAndRepeatForASeed() {
    RsaPreset preset = new RsaPreset("deep", 8, 4, 3, 1.0);

    RsaHistory a = engine(preset, FinalSelection.MAJORITY).run(neverAgreeing(), 42).history();
    RsaHistory b = engine(preset, FinalSelection.MAJORITY).run(neverAgreeing(), 42).history();
    RsaHistory c = engine(preset, FinalSelection.MAJORITY).run(neverAgreeing(), 43).history();

    assertThat(a.steps()).hasSize(4);
    assertThat(a.steps().get(0).subsets()).isEmpty();
    List<List<Integer>> all = new ArrayList<>();
    for (RsaHistory.Step step : a.steps().subList(1, 4)) {
      assertThat(step.subsets()).hasSize(8);
      for (List<Integer> subset : step.subsets()) {
        assertThat(subset).hasSize(4).doesNotHaveDuplicates();
        assertThat(subset).allSatisfy(i -> assertThat(i).isBetween(0, 7));
      }
      all.addAll(step.subsets());
    }
    // Subsets differ from one another: they are drawn, not fixed.
    assertThat(new HashSet<>(all).size()).isGreaterThan(1);
    assertThat(subsets(b)).isEqualTo(subsets(a));
    assertThat(subsets(c)).isNotEqualTo(subsets(a));
  }

  @Test
  void eachAggregationGetsTheMembersItsSubsetNames() {
    Scripted task = neverAgreeing();

    RsaHistory h =
        engine(new RsaPreset("standard", 6, 3, 1, 1.0), FinalSelection.MAJORITY)
            .run(task, 7)
            .history();

    // Step 0 holds answers 0..5, so a subset's values are its indices.
    assertThat(task.subsetsSeen).isEqualTo(h.steps().get(1).subsets());
  }

  @Test
  void consensusStopsTheRunBeforeAnyAggregation() {
    Scripted task =
        new Scripted(
            i -> CompletableFuture.completedFuture(answer(i == 3 ? 8 : 7)),
            (step, i, values) -> {
              throw new AssertionError("no aggregation once three of four agree");
            });

    RsaOutcome<Integer> out =
        engine(new RsaPreset("quick", 4, 2, 2, 0.75), FinalSelection.MAJORITY).run(task, 1);

    assertThat(out.answer()).hasValue(7);
    assertThat(out.history().stoppedEarly()).isTrue();
    assertThat(out.history().steps()).hasSize(1);
    assertThat(out.history().steps().get(0).consensus()).isEqualTo(0.75);
    assertThat(out.history().finalConsensus()).isEqualTo(0.75);
  }

  @Test
  void consensusReachedAfterAStepStopsTheRest() {
    Scripted task =
        new Scripted(
            i -> CompletableFuture.completedFuture(answer(i)),
            (step, i, values) -> CompletableFuture.completedFuture(answer(5)));

    RsaOutcome<Integer> out =
        engine(new RsaPreset("standard", 4, 2, 4, 0.75), FinalSelection.MAJORITY).run(task, 1);

    assertThat(out.history().steps()).hasSize(2);
    assertThat(out.history().steps().get(0).consensus()).isEqualTo(0.25);
    assertThat(out.history().steps().get(1).consensus()).isEqualTo(1.0);
    assertThat(out.history().stoppedEarly()).isTrue();
    assertThat(task.subsetsSeen).hasSize(4);
    assertThat(out.answer()).hasValue(5);
  }

  @Test
  void aRunThatUsesEveryStepDidNotStopEarly() {
    RsaHistory h =
        engine(new RsaPreset("quick", 4, 2, 2, 0.75), FinalSelection.MAJORITY)
            .run(neverAgreeing(), 1)
            .history();

    assertThat(h.steps()).hasSize(3);
    assertThat(h.stoppedEarly()).isFalse();
  }

  @Test
  void failedAndInvalidAggregationsKeepAMemberOfTheirSubset() {
    Scripted task =
        new Scripted(
            i ->
                i == 0
                    ? CompletableFuture.completedFuture(
                        Candidate.<Integer>rejected("garbage", "???", 3))
                    : CompletableFuture.completedFuture(answer(i)),
            (step, i, values) -> {
              if (i % 3 == 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("server down"));
              }
              if (i % 3 == 1) {
                return CompletableFuture.completedFuture(
                    Candidate.rejected("through a wall", "bad plan", 5));
              }
              throw new IllegalStateException("thrown, not failed");
            });
    RsaPreset preset = new RsaPreset("standard", 6, 3, 2, 1.0);

    RsaOutcome<Integer> out = engine(preset, FinalSelection.MAJORITY).run(task, 5);

    RsaHistory h = out.history();
    assertThat(h.steps()).hasSize(3);
    for (int s = 1; s <= 2; s++) {
      RsaHistory.Step step = h.steps().get(s);
      RsaHistory.Step previous = h.steps().get(s - 1);
      assertThat(step.members()).hasSize(6);
      for (RsaHistory.Member m : step.members()) {
        List<Integer> subset = step.subsets().get(m.index());
        assertThat(m.keptMember()).isNotNull();
        assertThat(subset).contains(m.keptMember());
        // The first valid member of the subset is kept; the others would do as well but are not.
        int expected =
            subset.stream()
                .filter(k -> previous.members().get(k).valid())
                .findFirst()
                .orElse(subset.get(0));
        assertThat(m.keptMember()).isEqualTo(expected);
        assertThat(m.summary()).isEqualTo(previous.members().get(expected).summary());
        assertThat(m.aggregationError())
            .isEqualTo(
                switch (m.index() % 3) {
                  case 0 -> "call failed: IllegalStateException: server down";
                  case 1 -> "through a wall";
                  default -> "call failed: IllegalStateException: thrown, not failed";
                });
      }
    }
    assertThat(h.calls()).isEqualTo(18);
    assertThat(h.failedCalls()).isEqualTo(8);
    assertThat(out.answer()).isPresent();
  }

  @Test
  void aCallThatNeverAnswersCountsAsFailedAfterTheGuard() {
    CompletableFuture<Candidate<Integer>> never = new CompletableFuture<>();
    Scripted task =
        new Scripted(
            i -> i == 1 ? never : CompletableFuture.completedFuture(answer(3)),
            (step, i, values) -> CompletableFuture.completedFuture(answer(3)));
    RecursiveSelfAggregation<Integer> engine =
        new RecursiveSelfAggregation<>(
            new RsaPreset("quick", 2, 1, 0, 1.0),
            FinalSelection.MAJORITY,
            Objects::equals,
            Duration.ofMillis(200));

    RsaOutcome<Integer> out = engine.run(task, 1);

    RsaHistory.Member lost = out.history().steps().get(0).members().get(1);
    assertThat(lost.valid()).isFalse();
    assertThat(lost.invalidReason()).isEqualTo("no answer within 200 ms");
    assertThat(never).isCancelled();
    assertThat(out.answer()).hasValue(3);
    assertThat(out.history().failedCalls()).isEqualTo(1);
  }

  @Test
  void anInterruptCancelsTheCallsOutAndEndsTheRun() throws Exception {
    List<CompletableFuture<Candidate<Integer>>> out = new CopyOnWriteArrayList<>();
    CountDownLatch issued = new CountDownLatch(2);
    Scripted task =
        new Scripted(
            i -> {
              CompletableFuture<Candidate<Integer>> f = new CompletableFuture<>();
              out.add(f);
              issued.countDown();
              return f;
            },
            (step, i, values) -> CompletableFuture.completedFuture(answer(1)));
    RecursiveSelfAggregation<Integer> engine =
        new RecursiveSelfAggregation<>(
            new RsaPreset("quick", 2, 1, 0, 1.0),
            FinalSelection.MAJORITY,
            Objects::equals,
            Duration.ofMinutes(10));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread runner =
        new Thread(
            () -> {
              try {
                engine.run(task, 1);
              } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });

    runner.start();
    issued.await();
    runner.interrupt();
    runner.join();

    assertThat(thrown.get())
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("interrupted");
    assertThat(stillInterrupted).isTrue();
    assertThat(out).hasSize(2).allSatisfy(f -> assertThat(f).isCancelled());
  }

  @Test
  void majorityChoosesTheLeaderOfTheLargestGroup() {
    List<Integer> values = List.of(1, 2, 3, 2, 4, 2, 1);
    Scripted task = given(values);

    RsaOutcome<Integer> out =
        engine(new RsaPreset("deep", 7, 2, 0, 1.0), FinalSelection.MAJORITY).run(task, 9);

    assertThat(out.answer()).hasValue(2);
    assertThat(out.history().finalIndex()).isEqualTo(1);
    assertThat(out.history().finalSummary()).isEqualTo("answer 2");
    assertThat(out.history().finalSelection()).isEqualTo("majority");
    assertThat(out.history().finalConsensus()).isEqualTo(3.0 / 7);
  }

  @Test
  void aTieGoesToTheEarlierGroup() {
    RsaOutcome<Integer> out =
        engine(new RsaPreset("quick", 4, 2, 0, 1.0), FinalSelection.MAJORITY)
            .run(given(List.of(9, 4, 4, 9)), 1);

    assertThat(out.answer()).hasValue(9);
    assertThat(out.history().finalIndex()).isZero();
  }

  @Test
  void randomChoosesAValidMemberRepeatablyForASeed() {
    // Mostly 2s, so a majority vote would always say 2; index 0 is invalid and never chosen.
    List<Integer> values = List.of(-1, 2, 2, 2, 5, 6, 2, 2);
    RsaPreset preset = new RsaPreset("deep", 8, 2, 0, 1.0);
    List<Integer> chosen = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      RsaOutcome<Integer> out = engine(preset, FinalSelection.RANDOM).run(given(values), seed);
      RsaOutcome<Integer> again = engine(preset, FinalSelection.RANDOM).run(given(values), seed);
      assertThat(again.history().finalIndex()).isEqualTo(out.history().finalIndex());
      assertThat(out.history().finalSelection()).isEqualTo("random");
      chosen.add(out.history().finalIndex());
    }
    assertThat(chosen).doesNotContain(0).contains(4);
    assertThat(new HashSet<>(chosen).size()).isGreaterThan(2);
  }

  @Test
  void copiesKeptFromFailedAggregationsCountOnceTowardsConsensus() {
    // One valid plan among four; every aggregation fails, so each keeps that plan where its subset
    // holds it. Copies of one answer are one opinion: consensus stays 1/4 and no step stops early.
    Scripted task =
        new Scripted(
            i ->
                CompletableFuture.completedFuture(
                    i == 0 ? answer(7) : Candidate.<Integer>rejected("garbage", "???", 1)),
            (step, i, values) -> CompletableFuture.failedFuture(new IllegalStateException("down")));
    RsaPreset preset = new RsaPreset("quick", 4, 3, 2, 0.5);

    RsaOutcome<Integer> out = engine(preset, FinalSelection.MAJORITY).run(task, 3);

    RsaHistory h = out.history();
    assertThat(h.stoppedEarly()).isFalse();
    assertThat(h.steps()).hasSize(3);
    // With K = 3 of 4, most subsets hold the one valid plan: its copies fill the population.
    assertThat(h.steps().get(2).members())
        .filteredOn(RsaHistory.Member::valid)
        .hasSizeGreaterThan(1);
    assertThat(h.steps()).allSatisfy(step -> assertThat(step.consensus()).isEqualTo(0.25));
    assertThat(out.answer()).hasValue(7);
  }

  @Test
  void theSwarmEntryStartsFromTheGivenPopulation() {
    List<Candidate<Integer>> proposals =
        List.of(answer(10), answer(11), Candidate.rejected("off the map", "far away", 0));
    Scripted task =
        new Scripted(
            i -> {
              throw new AssertionError("a swarm run generates nothing");
            },
            (step, i, values) -> CompletableFuture.completedFuture(answer(10)));

    RsaOutcome<Integer> out =
        engine(new RsaPreset("swarm", 3, 3, 2, 1.0), FinalSelection.MAJORITY)
            .runFrom(proposals, task, 4);

    RsaHistory h = out.history();
    assertThat(h.start()).isEqualTo(RsaHistory.GIVEN);
    assertThat(h.steps().get(0).members())
        .extracting(RsaHistory.Member::summary)
        .containsExactly("answer 10", "answer 11", "far away");
    assertThat(h.steps().get(0).members().get(2).invalidReason()).isEqualTo("off the map");
    // K = N = 3 without replacement: every aggregation sees the three proposals.
    assertThat(task.subsetsSeen)
        .hasSize(3)
        .allSatisfy(s -> assertThat(s).containsExactlyInAnyOrder(10, 11, -1));
    assertThat(h.calls()).isEqualTo(3);
    assertThat(out.answer()).hasValue(10);
  }

  @Test
  void theSwarmEntryRefusesAPopulationOfTheWrongSize() {
    RecursiveSelfAggregation<Integer> engine =
        engine(new RsaPreset("swarm", 3, 3, 2, 1.0), FinalSelection.MAJORITY);

    assertThatThrownBy(() -> engine.runFrom(List.of(answer(1)), neverAgreeing(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("population of 3, given 1");
  }

  @Test
  void whenEveryCallFailsThereIsNoAnswer() {
    Scripted task =
        new Scripted(
            i -> CompletableFuture.failedFuture(new IllegalStateException("down")),
            (step, i, values) -> CompletableFuture.failedFuture(new IllegalStateException("down")));

    RsaOutcome<Integer> out =
        engine(new RsaPreset("quick", 4, 2, 2, 0.75), FinalSelection.MAJORITY).run(task, 1);

    assertThat(out.answer()).isEmpty();
    assertThat(out.history().finalIndex()).isNull();
    assertThat(out.history().calls()).isEqualTo(12).isEqualTo(out.history().failedCalls());
    assertThat(out.history().steps())
        .hasSize(3)
        .allSatisfy(s -> assertThat(s.members()).hasSize(4));
  }

  /** A task generating {@code values} in order (a negative value is an invalid candidate). */
  private static Scripted given(List<Integer> values) {
    return new Scripted(
        i ->
            CompletableFuture.completedFuture(
                values.get(i) < 0
                    ? Candidate.rejected("invalid", "bad", 0)
                    : answer(values.get(i))),
        (step, i, v) -> {
          throw new AssertionError("no steps");
        });
  }

  private static List<List<List<Integer>>> subsets(RsaHistory h) {
    return h.steps().stream().map(RsaHistory.Step::subsets).toList();
  }
}
