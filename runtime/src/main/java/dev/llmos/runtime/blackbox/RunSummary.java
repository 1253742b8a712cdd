package dev.llmos.runtime.blackbox;

import java.util.Locale;
import java.util.Map;

/**
 * How a run ended and what it achieved.
 *
 * @param outcome completed, aborted (and why) or failed
 * @param durationS robot seconds run
 * @param ticks control ticks run
 * @param distanceM distance driven, metres
 * @param collisions collisions during the run
 * @param coverage fraction of the known area explored, 0 to 1
 * @param decisionsByBrain decisions per brain
 * @param escalations requests to the planner, by reason
 * @param tickP50Ms median control-tick time excluding the robot link, milliseconds
 * @param tickP99Ms 99th percentile of the same, milliseconds
 */
public record RunSummary(
    String outcome,
    double durationS,
    long ticks,
    double distanceM,
    int collisions,
    double coverage,
    Map<String, Long> decisionsByBrain,
    Map<String, Long> escalations,
    double tickP50Ms,
    double tickP99Ms) {

  public RunSummary {
    decisionsByBrain = Map.copyOf(decisionsByBrain);
    escalations = Map.copyOf(escalations);
  }

  /** The summary as the run's {@code summary.md}. */
  String toMarkdown(RunHeader header) {
    StringBuilder md = new StringBuilder();
    md.append("# Run ").append(header.runId()).append("\n\n");
    md.append("- agent: ").append(header.agent()).append(" v").append(header.agentVersion());
    md.append("\n- robot: ").append(header.robot());
    if (!header.arena().isEmpty()) {
      md.append("\n- arena: ").append(header.arena()).append(", seed ").append(header.seed());
    }
    md.append("\n- started: ").append(header.startedAt());
    md.append("\n- outcome: ").append(outcome);
    md.append(String.format(Locale.ROOT, "%n%n| metric | value |%n|---|---|%n"));
    md.append(String.format(Locale.ROOT, "| duration | %.1f s |%n", durationS));
    md.append(String.format(Locale.ROOT, "| ticks | %d |%n", ticks));
    md.append(String.format(Locale.ROOT, "| distance | %.2f m |%n", distanceM));
    md.append(String.format(Locale.ROOT, "| collisions | %d |%n", collisions));
    md.append(String.format(Locale.ROOT, "| coverage | %.1f %% |%n", coverage * 100));
    md.append(
        String.format(
            Locale.ROOT, "| tick time p50 / p99 | %.3f / %.3f ms |%n", tickP50Ms, tickP99Ms));
    decisionsByBrain.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                md.append(
                    String.format(
                        Locale.ROOT, "| decisions by %s | %d |%n", e.getKey(), e.getValue())));
    escalations.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                md.append(
                    String.format(
                        Locale.ROOT, "| escalations (%s) | %d |%n", e.getKey(), e.getValue())));
    return md.toString();
  }
}
