package dev.llmos.runtime.rsa;

import dev.llmos.kernel.config.RsaPreset;
import dev.llmos.kernel.config.RsaSettings.FinalSelection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * The RSA algorithm (arXiv 2509.26626), for any kind of answer.
 *
 * <ol>
 *   <li>A population of N candidates, all N calls in flight together (or a population given, for a
 *       swarm).
 *   <li>Up to T times: measure consensus (the largest group of agreeing valid candidates over N)
 *       and stop once it reaches the threshold; draw N subsets of K distinct members each (a seeded
 *       {@link Random}, so a seed repeats them); aggregate all N subsets together into the next
 *       population. An aggregation that fails or is invalid keeps a member of its subset (the first
 *       valid one, else the first), so the population stays N.
 *   <li>The answer: the first member of the largest agreeing group ({@code majority}), or a valid
 *       member drawn with the seed ({@code random}).
 * </ol>
 *
 * <p>Agreement is the caller's: for plans, end points within a radius. Groups are formed greedily
 * in population order (each ungrouped valid candidate starts a group and takes every later
 * ungrouped one that agrees with it), so they do not depend on timing.
 *
 * <p>Calls are bounded twice: each model client has its own timeout, and a whole population waits
 * at most {@code callTimeout} here, after which the calls still out are cancelled and count as
 * failed. An interrupt cancels the calls out and ends the run with a {@link CancellationException}.
 *
 * @param <C> the answer's type
 */
public final class RecursiveSelfAggregation<C> {
  private final RsaPreset preset;
  private final FinalSelection finalSelection;
  private final BiPredicate<? super C, ? super C> agreement;
  private final Duration callTimeout;

  /**
   * @param preset N, K, T and the consensus threshold
   * @param finalSelection how the answer is chosen from the last population
   * @param agreement whether two answers agree (symmetric)
   * @param callTimeout how long one population's calls may take together, at most
   */
  public RecursiveSelfAggregation(
      RsaPreset preset,
      FinalSelection finalSelection,
      BiPredicate<? super C, ? super C> agreement,
      Duration callTimeout) {
    if (preset == null || finalSelection == null || agreement == null) {
      throw new IllegalArgumentException("RSA needs a preset, a final selection and an agreement");
    }
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("RSA needs a positive call timeout, got " + callTimeout);
    }
    this.preset = preset;
    this.finalSelection = finalSelection;
    this.agreement = agreement;
    this.callTimeout = callTimeout;
  }

  public RsaPreset preset() {
    return preset;
  }

  /** Generates a population of N and improves it. */
  public RsaOutcome<C> run(RsaTask<C> task, long seed) {
    Run run = new Run(task, seed, RsaHistory.GENERATED);
    long startNs = System.nanoTime();
    List<Result<C>> first = run.callAll(task::generate);
    run.record(0, List.of(), first, System.nanoTime() - startNs);
    return run.improve(first, startNs);
  }

  /**
   * Improves a population given by the caller: a swarm's robots' own proposals, as valid or invalid
   * candidates, instead of generating one.
   *
   * @param initial exactly N candidates
   */
  public RsaOutcome<C> runFrom(List<Candidate<C>> initial, RsaTask<C> task, long seed) {
    if (initial.size() != preset.population()) {
      throw new IllegalArgumentException(
          "RSA preset "
              + preset.name()
              + " has a population of "
              + preset.population()
              + ", given "
              + initial.size()
              + " candidates");
    }
    Run run = new Run(task, seed, RsaHistory.GIVEN);
    long startNs = System.nanoTime();
    List<Result<C>> first = new ArrayList<>();
    for (Candidate<C> c : initial) {
      first.add(new Result<>(c, 0, c.tokens(), null, null));
    }
    run.record(0, List.of(), first, 0);
    return run.improve(first, startNs);
  }

  /**
   * The consensus of a population: the size of the largest group of agreeing valid candidates over
   * the population's size; 0 for an empty population or one without a valid candidate.
   */
  public double consensus(List<Candidate<C>> population) {
    if (population.isEmpty()) {
      return 0;
    }
    return (double) largestGroup(population).size() / population.size();
  }

  /** The largest group (indices, the first its leader); ties go to the earlier leader. */
  private List<Integer> largestGroup(List<Candidate<C>> population) {
    boolean[] grouped = new boolean[population.size()];
    List<Integer> best = List.of();
    for (int i = 0; i < population.size(); i++) {
      if (grouped[i] || !population.get(i).isValid()) {
        continue;
      }
      C leader = population.get(i).value().orElseThrow();
      List<Integer> group = new ArrayList<>();
      group.add(i);
      grouped[i] = true;
      // A failed aggregation keeps a member of its subset: the same candidate, carried over. Its
      // copies are one opinion, not several, or one plan could outvote a model that never agreed.
      Set<Candidate<C>> members = Collections.newSetFromMap(new IdentityHashMap<>());
      members.add(population.get(i));
      for (int j = i + 1; j < population.size(); j++) {
        Candidate<C> other = population.get(j);
        if (!grouped[j] && other.isValid() && agreement.test(leader, other.value().orElseThrow())) {
          grouped[j] = true;
          if (members.add(other)) {
            group.add(j);
          }
        }
      }
      if (group.size() > best.size()) {
        best = group;
      }
    }
    return best;
  }

  /**
   * N subsets of K distinct indices of {@code 0..N-1}: a partial Fisher-Yates shuffle per subset,
   * so a subset never holds a member twice while different subsets may share members.
   */
  static List<List<Integer>> sampleSubsets(Random random, int population, int subset) {
    List<List<Integer>> subsets = new ArrayList<>(population);
    int[] order = new int[population];
    for (int s = 0; s < population; s++) {
      for (int i = 0; i < population; i++) {
        order[i] = i;
      }
      List<Integer> chosen = new ArrayList<>(subset);
      for (int i = 0; i < subset; i++) {
        int j = i + random.nextInt(population - i);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
        chosen.add(order[i]);
      }
      subsets.add(List.copyOf(chosen));
    }
    return List.copyOf(subsets);
  }

  /**
   * One call's result: the candidate, how long the call took, and, for an aggregation that was not
   * used, the member kept instead and why.
   */
  private record Result<C>(
      Candidate<C> candidate,
      double latencyMs,
      int tokens,
      Integer keptMember,
      String aggregationError) {}

  /** The summary of a call that gave no reply. */
  private static final String NO_ANSWER = "(no answer)";

  /** The state of one run. */
  private final class Run {
    private final RsaTask<C> task;
    private final long seed;
    private final String start;
    private final Random random;
    private final List<RsaHistory.Step> steps = new ArrayList<>();
    private int calls;
    private int failedCalls;
    private long tokens;

    Run(RsaTask<C> task, long seed, String start) {
      this.task = task;
      this.seed = seed;
      this.start = start;
      this.random = new Random(seed);
    }

    RsaOutcome<C> improve(List<Result<C>> first, long startNs) {
      List<Candidate<C>> population = candidates(first);
      boolean stoppedEarly = false;
      for (int step = 1; step <= preset.steps(); step++) {
        if (consensus(population) >= preset.consensus()) {
          stoppedEarly = true;
          break;
        }
        long stepStartNs = System.nanoTime();
        List<List<Integer>> subsets = sampleSubsets(random, preset.population(), preset.subset());
        List<Candidate<C>> previous = population;
        int stepIndex = step;
        List<Result<C>> results =
            callAll(
                i ->
                    task.aggregate(
                        stepIndex, i, subsets.get(i).stream().map(previous::get).toList()));
        List<Result<C>> kept = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
          kept.add(keepIfFailed(results.get(i), subsets.get(i), previous));
        }
        record(step, subsets, kept, System.nanoTime() - stepStartNs);
        population = candidates(kept);
      }
      Integer chosen = choose(population);
      return new RsaOutcome<>(
          chosen == null ? Optional.empty() : population.get(chosen).value(),
          new RsaHistory(
              preset.name(),
              preset.population(),
              preset.subset(),
              preset.steps(),
              preset.consensus(),
              finalSelection.key(),
              seed,
              start,
              steps,
              stoppedEarly,
              chosen,
              chosen == null ? null : population.get(chosen).summary(),
              consensus(population),
              calls,
              failedCalls,
              tokens,
              false,
              null,
              (System.nanoTime() - startNs) / 1e6));
    }

    /** A failed or invalid aggregation gives way to a member of its subset: a valid one first. */
    private Result<C> keepIfFailed(
        Result<C> result, List<Integer> subset, List<Candidate<C>> previous) {
      if (result.candidate().isValid()) {
        return result;
      }
      int keep =
          subset.stream().filter(m -> previous.get(m).isValid()).findFirst().orElse(subset.get(0));
      return new Result<>(
          previous.get(keep),
          result.latencyMs(),
          result.tokens(),
          keep,
          result.candidate().invalidReason().orElseThrow());
    }

    private Integer choose(List<Candidate<C>> population) {
      if (finalSelection == FinalSelection.MAJORITY) {
        List<Integer> group = largestGroup(population);
        return group.isEmpty() ? null : group.get(0);
      }
      List<Integer> valid = new ArrayList<>();
      for (int i = 0; i < population.size(); i++) {
        if (population.get(i).isValid()) {
          valid.add(i);
        }
      }
      return valid.isEmpty() ? null : valid.get(random.nextInt(valid.size()));
    }

    /** Issues all N calls, then waits for them together, for at most the call timeout. */
    List<Result<C>> callAll(IntFunction<CompletableFuture<Candidate<C>>> call) {
      int n = preset.population();
      List<CompletableFuture<Candidate<C>>> issued = new ArrayList<>(n);
      List<CompletableFuture<Candidate<C>>> timed = new ArrayList<>(n);
      long[] doneNs = new long[n];
      long issuedNs = System.nanoTime();
      for (int i = 0; i < n; i++) {
        CompletableFuture<Candidate<C>> future;
        try {
          future = call.apply(i);
          if (future == null) {
            future = CompletableFuture.failedFuture(new IllegalStateException("no future"));
          }
        } catch (RuntimeException e) {
          future = CompletableFuture.failedFuture(e);
        }
        int slot = i;
        // Timed where each call completes, not where it is awaited: they run in parallel. Waiting
        // on the dependent future makes the time written visible here.
        issued.add(future);
        timed.add(future.whenComplete((c, e) -> doneNs[slot] = System.nanoTime()));
      }
      calls += n;
      long deadlineNs = issuedNs + callTimeout.toNanos();
      List<Result<C>> results = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Candidate<C> candidate;
        try {
          candidate =
              timed.get(i).get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
          tokens += candidate.tokens();
        } catch (InterruptedException e) {
          issued.forEach(f -> f.cancel(true));
          Thread.currentThread().interrupt();
          throw new CancellationException("RSA was interrupted while its calls were out");
        } catch (TimeoutException e) {
          issued.get(i).cancel(true);
          failedCalls++;
          candidate =
              Candidate.rejected(
                  "no answer within " + callTimeout.toMillis() + " ms", NO_ANSWER, 0);
        } catch (ExecutionException | CancellationException e) {
          failedCalls++;
          candidate = Candidate.rejected("call failed: " + describe(e), NO_ANSWER, 0);
        }
        long endNs = doneNs[i] == 0 ? System.nanoTime() : doneNs[i];
        results.add(
            new Result<>(
                candidate, Math.max(0, endNs - issuedNs) / 1e6, candidate.tokens(), null, null));
      }
      return results;
    }

    void record(int index, List<List<Integer>> subsets, List<Result<C>> results, long wallNs) {
      List<RsaHistory.Member> members = new ArrayList<>(results.size());
      for (int i = 0; i < results.size(); i++) {
        Result<C> r = results.get(i);
        Candidate<C> c = r.candidate();
        members.add(
            new RsaHistory.Member(
                i,
                c.summary(),
                c.isValid(),
                c.invalidReason().orElse(null),
                r.latencyMs(),
                r.tokens(),
                r.keptMember(),
                r.aggregationError()));
      }
      steps.add(
          new RsaHistory.Step(
              index, subsets, members, consensus(candidates(results)), wallNs / 1e6));
    }

    private List<Candidate<C>> candidates(List<Result<C>> results) {
      return results.stream().map(Result::candidate).toList();
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof ExecutionException
            || cause instanceof java.util.concurrent.CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
