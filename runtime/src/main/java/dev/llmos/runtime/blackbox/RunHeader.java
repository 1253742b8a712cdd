package dev.llmos.runtime.blackbox;

/**
 * What a run is: written first, so a trace explains itself.
 *
 * @param runId the run's directory name
 * @param agent the agent's name
 * @param agentVersion the agent's version
 * @param robot the robot's address or simulator description
 * @param arena the arena, when simulated; empty otherwise
 * @param seed the seed of the simulation, or 0 for a real robot
 * @param startedAt when the run started, ISO-8601
 */
public record RunHeader(
    String runId,
    String agent,
    int agentVersion,
    String robot,
    String arena,
    long seed,
    String startedAt) {}
