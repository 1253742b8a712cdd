package dev.llmos.kernel.config;

/**
 * How agents are evolved from their traces, from {@code kernel/evolution-rules.md}.
 *
 * @param populationSize candidates per generation
 * @param generations generations per evolution run
 * @param episodesPerCandidate simulated episodes that score one candidate
 * @param mutationRate chance that a parameter is changed in a child, 0 to 1
 * @param acceptanceMargin how much a child's fitness must beat its parent's, 0 to 1
 */
public record EvolutionPolicy(
    int populationSize,
    int generations,
    int episodesPerCandidate,
    double mutationRate,
    double acceptanceMargin) {}
