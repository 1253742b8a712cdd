package dev.llmos.runtime.rsa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one RSA run did, for the black box (snake_case JSON; absent values are {@code null}).
 *
 * <p>Step 0 is the first population (generated, or given by the robots of a swarm); each later step
 * is the population aggregated from the one before, with the subsets that made it. Consensus is
 * measured on each population; a run stops early when it reaches the threshold before the last
 * step.
 *
 * @param preset the preset's name
 * @param population N
 * @param subset K
 * @param maxSteps T, the aggregation steps at most
 * @param consensusThreshold the agreeing fraction that stops early
 * @param finalSelection how the final answer is chosen: {@code majority} or {@code random}
 * @param seed the seed of the subsets and of a random choice
 * @param start {@code generated} or {@code given} (a swarm's own proposals)
 * @param steps the populations, step 0 first
 * @param stoppedEarly whether consensus ended the run before the last step
 * @param finalIndex the chosen member of the last population; {@code null} when none was valid
 * @param finalSummary the chosen member's summary; {@code null} when none was valid
 * @param finalConsensus the consensus of the last population
 * @param calls model calls made
 * @param failedCalls calls that failed (no reply, an error, a timeout)
 * @param totalTokens tokens of every call
 * @param fallbackUsed whether the caller answered with its fallback instead
 * @param fallbackReason why; {@code null} when no fallback was used
 * @param totalLatencyMs wall time of the whole run (and of the fallback, where used), milliseconds
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RsaHistory(
    @JsonProperty("preset") String preset,
    @JsonProperty("population") int population,
    @JsonProperty("subset") int subset,
    @JsonProperty("max_steps") int maxSteps,
    @JsonProperty("consensus_threshold") double consensusThreshold,
    @JsonProperty("final_selection") String finalSelection,
    @JsonProperty("seed") long seed,
    @JsonProperty("start") String start,
    @JsonProperty("steps") List<Step> steps,
    @JsonProperty("stopped_early") boolean stoppedEarly,
    @JsonProperty("final_index") Integer finalIndex,
    @JsonProperty("final_summary") String finalSummary,
    @JsonProperty("final_consensus") double finalConsensus,
    @JsonProperty("calls") int calls,
    @JsonProperty("failed_calls") int failedCalls,
    @JsonProperty("total_tokens") long totalTokens,
    @JsonProperty("fallback_used") boolean fallbackUsed,
    @JsonProperty("fallback_reason") String fallbackReason,
    @JsonProperty("total_latency_ms") double totalLatencyMs) {

  /** How step 0 was made: the model generated it. */
  public static final String GENERATED = "generated";

  /** How step 0 was made: the caller gave it (a swarm's proposals). */
  public static final String GIVEN = "given";

  public RsaHistory {
    steps = List.copyOf(steps);
  }

  /** Whether the run chose an answer. */
  public boolean chose() {
    return finalIndex != null;
  }

  /** The same history with the caller's fallback recorded. */
  public RsaHistory withFallback(String reason) {
    return new RsaHistory(
        preset,
        population,
        subset,
        maxSteps,
        consensusThreshold,
        finalSelection,
        seed,
        start,
        steps,
        stoppedEarly,
        finalIndex,
        finalSummary,
        finalConsensus,
        calls,
        failedCalls,
        totalTokens,
        true,
        reason,
        totalLatencyMs);
  }

  /** The same history with the total latency as the caller measured it. */
  public RsaHistory withTotalLatencyMs(double latencyMs) {
    return new RsaHistory(
        preset,
        population,
        subset,
        maxSteps,
        consensusThreshold,
        finalSelection,
        seed,
        start,
        steps,
        stoppedEarly,
        finalIndex,
        finalSummary,
        finalConsensus,
        calls,
        failedCalls,
        totalTokens,
        fallbackUsed,
        fallbackReason,
        latencyMs);
  }

  /**
   * One population.
   *
   * @param index 0 for the first population, then the aggregation step
   * @param subsets for each member of this population, the indices in the previous population it
   *     was aggregated from; empty for step 0
   * @param members the population, in order
   * @param consensus the largest agreeing group's size over the population's size
   * @param wallMs wall time to make this population (its calls were in flight together)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Step(
      @JsonProperty("index") int index,
      @JsonProperty("subsets") List<List<Integer>> subsets,
      @JsonProperty("members") List<Member> members,
      @JsonProperty("consensus") double consensus,
      @JsonProperty("wall_ms") double wallMs) {
    public Step {
      subsets = subsets.stream().map(List::copyOf).toList();
      members = List.copyOf(members);
    }
  }

  /**
   * One candidate of a population.
   *
   * @param index its place in the population
   * @param summary a short text of it
   * @param valid whether it passed its checks
   * @param invalidReason why not; {@code null} when valid
   * @param latencyMs how long the call that made it took; 0 for a given candidate
   * @param tokens what that call used
   * @param keptMember when its aggregation failed or was invalid, the member of its subset kept in
   *     its place (an index in the previous population), so the population stays N; else {@code
   *     null}
   * @param aggregationError why the aggregation was not used; {@code null} when it was
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Member(
      @JsonProperty("index") int index,
      @JsonProperty("summary") String summary,
      @JsonProperty("valid") boolean valid,
      @JsonProperty("invalid_reason") String invalidReason,
      @JsonProperty("latency_ms") double latencyMs,
      @JsonProperty("tokens") int tokens,
      @JsonProperty("kept_member") Integer keptMember,
      @JsonProperty("aggregation_error") String aggregationError) {}
}
