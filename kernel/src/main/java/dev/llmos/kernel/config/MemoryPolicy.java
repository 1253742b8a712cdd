package dev.llmos.kernel.config;

/**
 * How memory is kept, from {@code kernel/memory-rules.md}.
 *
 * @param consolidationMinTraces traces with one goal signature needed before a pattern is learnt
 * @param consolidationMinSuccessRate mean success those traces need, 0 to 1
 * @param shortTermDays short-term traces older than this are removed by retention
 * @param maxShortTermTraces at most this many short-term traces are kept, newest first
 * @param queryDefaultLimit results of a memory query when no limit is asked for
 * @param queryMaxLimit the largest limit a memory query may ask for
 */
public record MemoryPolicy(
    int consolidationMinTraces,
    double consolidationMinSuccessRate,
    int shortTermDays,
    int maxShortTermTraces,
    int queryDefaultLimit,
    int queryMaxLimit) {}
