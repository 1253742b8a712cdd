package dev.llmos.kernel.config;

/**
 * Bounds of the development LLM's work on a request, from {@code kernel/orchestration-rules.md}.
 *
 * @param maxIterations model turns per request
 * @param maxToolCalls tool calls per request
 * @param minAgentsPerProject agents a multi-agent project plan must have
 * @param copyMinScore similarity from which an existing agent is copied as it is, 0 to 1
 * @param evolveMinScore similarity from which an existing agent is evolved, 0 to 1; below it a new
 *     one is created
 */
public record OrchestrationPolicy(
    int maxIterations,
    int maxToolCalls,
    int minAgentsPerProject,
    double copyMinScore,
    double evolveMinScore) {}
