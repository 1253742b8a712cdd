package dev.llmos.llm.openai;

import dev.llmos.llm.chat.ModelException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The calls of one client added up, immutable.
 *
 * @param calls calls that ended, successes and failures
 * @param failures calls that failed
 * @param retries attempts after the first, over all calls
 * @param promptTokens prompt tokens of all calls
 * @param completionTokens completion tokens of all calls
 * @param totalLatencyMs the calls' latencies summed, milliseconds
 * @param maxLatencyMs the longest call, milliseconds
 * @param failuresByKind failed calls by how they failed (kinds without failures left out)
 */
public record CallStats(
    long calls,
    long failures,
    long retries,
    long promptTokens,
    long completionTokens,
    double totalLatencyMs,
    double maxLatencyMs,
    Map<ModelException.Kind, Long> failuresByKind) {
  /** No calls yet. */
  public static final CallStats EMPTY = new CallStats(0, 0, 0, 0, 0, 0, 0, Map.of());

  public CallStats {
    failuresByKind = Map.copyOf(failuresByKind);
  }

  public long successes() {
    return calls - failures;
  }

  /** The mean latency of all calls, failures included, milliseconds (0 before any call). */
  public double meanLatencyMs() {
    return calls == 0 ? 0 : totalLatencyMs / calls;
  }

  /** These stats with one more call. */
  public CallStats plus(CallRecord record) {
    Map<ModelException.Kind, Long> byKind = new EnumMap<>(ModelException.Kind.class);
    byKind.putAll(failuresByKind);
    record.failure().ifPresent(kind -> byKind.merge(kind, 1L, Long::sum));
    return new CallStats(
        calls + 1,
        failures + (record.succeeded() ? 0 : 1),
        retries + record.retries(),
        promptTokens + record.usage().promptTokens(),
        completionTokens + record.usage().completionTokens(),
        totalLatencyMs + record.latencyMs(),
        Math.max(maxLatencyMs, record.latencyMs()),
        byKind);
  }
}
