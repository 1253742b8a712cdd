package dev.llmos.kernel.config;

import java.util.Optional;
import java.util.TreeSet;

/**
 * Bounds of the runtime's model-backed brains, from {@code kernel/runtime-rules.md}.
 *
 * @param instinctDefaultLatencyBudgetS how long one VLM instinct decision may take when the agent
 *     names no budget, seconds
 * @param visionTimeoutS how long one VLM detection may take, seconds
 * @param rsa the RSA planner's settings and presets
 */
public record RuntimePolicy(
    double instinctDefaultLatencyBudgetS, double visionTimeoutS, RsaSettings rsa) {

  /**
   * A preset resolved for a run: the swarm's population becomes the number of robots and its subset
   * at most that many; the other presets do not depend on it.
   *
   * @param name {@code quick}, {@code standard}, {@code deep} or {@code swarm}
   * @param robots how many robots take part (1 for a robot planning alone)
   * @throws IllegalArgumentException naming the known presets when {@code name} is none of them
   */
  public RsaPreset preset(String name, int robots) {
    return Optional.ofNullable(rsa.presets().get(name))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no RSA preset '"
                        + name
                        + "'; kernel/runtime-rules.md has "
                        + new TreeSet<>(rsa.presets().keySet())))
        .resolve(robots);
  }
}
