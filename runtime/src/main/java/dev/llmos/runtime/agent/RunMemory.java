package dev.llmos.runtime.agent;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.memory.MemoryStore;
import dev.llmos.kernel.memory.NewTrace;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageEvent;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.blackbox.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished robot run leaves in the workspace besides its black box: one short-term memory
 * trace ({@link MemoryStore}), which consolidation turns into learnings, and one use of the agent
 * and of each of its skills ({@link Usage}), which promotion reads.
 *
 * <p>The trace's goal is the agent's runtime goal in words ({@code avoid obstacles}, {@code seek
 * object red-ball}), so the runs of one goal consolidate together; its notes name the run id and
 * its black-box directory and list the metrics. Its {@code success}, 0 to 1, is:
 *
 * <ul>
 *   <li>0 when the run did not complete (aborted or failed);
 *   <li>otherwise a base of 1, or the map coverage for an {@code explore} goal, whose whole job is
 *       coverage;
 *   <li>divided by {@code 1 + collisions}: one collision halves it, since a robot that touches
 *       things did its job badly however far it got.
 * </ul>
 *
 * <p>A use succeeds, for the agent and every skill alike, when the run completed without a
 * collision; promotion wants a yes or no, and those two are what a person would check. Skills the
 * agent names that are not in the catalog are skipped and reported, not fatal: the run happened
 * whatever its frontmatter says.
 */
public final class RunMemory {
  private static final String COMPLETED = "completed";

  private RunMemory() {}

  /**
   * What was written for a run.
   *
   * @param traceId the memory trace logged
   * @param agent the agent whose use was counted
   * @param skills the skills whose use was counted, in the agent's order
   * @param missingSkills skills the agent names that are not in the catalog, so were not counted
   */
  public record Recorded(
      String traceId, String agent, List<String> skills, List<String> missingSkills) {
    public Recorded {
      Objects.requireNonNull(traceId, "traceId");
      Objects.requireNonNull(agent, "agent");
      skills = List.copyOf(skills);
      missingSkills = List.copyOf(missingSkills);
    }

    /** {@code trace <id>; usage: wall-avoider, obstacle-avoidance (1 skill)}, and what was not. */
    public String describe() {
      List<String> items = new ArrayList<>();
      items.add(agent);
      items.addAll(skills);
      return "trace "
          + traceId
          + "; usage: "
          + String.join(", ", items)
          + " ("
          + skills.size()
          + (skills.size() == 1 ? " skill)" : " skills)")
          + (missingSkills.isEmpty()
              ? ""
              : "; not counted, not in the catalog: " + String.join(", ", missingSkills));
    }
  }

  /**
   * Logs the run's trace, then counts the uses: two commits in the user volume, or more when the
   * agent or a skill lives in the team volume.
   *
   * @param agent a robot agent (one with a runtime block)
   * @throws IOException when the trace or the uses cannot be written; the message says what was
   *     written, and the run's black box is untouched either way
   * @throws IllegalArgumentException when the agent is not a robot agent
   */
  public static Recorded record(
      Workspace workspace, AgentSpec agent, String runId, RunSummary summary) throws IOException {
    RobotRuntime runtime =
        agent
            .runtime()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        agent.name() + " is not a robot agent; only robot runs are remembered"));
    String where = workspace.root().relativize(workspace.runsDirectory().resolve(runId)).toString();
    NewTrace entry =
        new NewTrace(
            agent.name(),
            goal(runtime),
            outcome(summary),
            success(runtime.goal(), summary),
            summary.durationS(),
            Optional.empty(),
            Optional.empty(),
            notes(runId, where, summary));
    String traceId;
    try {
      traceId = new MemoryStore(workspace).log(entry).id();
    } catch (VolumeException
        | InvalidDocumentException
        | IllegalArgumentException
        | UncheckedIOException e) {
      throw new IOException(
          "run "
              + runId
              + " is recorded in "
              + where
              + ", but no memory trace was written: "
              + e.getMessage(),
          e);
    }

    Catalog catalog = Catalog.load(workspace.volumes(), workspace.kernel().settings());
    boolean used = summary.outcome().equals(COMPLETED) && summary.collisions() == 0;
    List<UsageEvent> events = new ArrayList<>();
    events.add(new UsageEvent(UsageKey.agent(agent.name()), used));
    List<String> skills = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String skill : agent.skills()) {
      if (catalog.skill(skill).isPresent()) {
        skills.add(skill);
        events.add(new UsageEvent(UsageKey.skill(skill), used));
      } else {
        missing.add(skill);
      }
    }
    try {
      var unused = Usage.of(workspace).recordAll(events);
    } catch (VolumeException
        | InvalidDocumentException
        | IllegalArgumentException
        | UncheckedIOException e) {
      throw new IOException(
          "run "
              + runId
              + " is recorded in "
              + where
              + " and memory trace "
              + traceId
              + " was written, but its uses were not counted: "
              + e.getMessage(),
          e);
    }
    return new Recorded(traceId, agent.name(), skills, missing);
  }

  /**
   * How well a run went, 0 to 1: 0 unless it completed; else 1, or its coverage for {@code
   * explore}; divided by one plus its collisions.
   */
  static double success(String goal, RunSummary summary) {
    if (!summary.outcome().equals(COMPLETED)) {
      return 0;
    }
    double base = goal.equals("explore") ? summary.coverage() : 1;
    // A missing or broken coverage figure is no evidence of exploring.
    double bounded = Double.isFinite(base) ? Math.min(1, Math.max(0, base)) : 0;
    return bounded / (1 + summary.collisions());
  }

  /** The runtime goal in words, with its target: {@code seek object red-ball}. */
  static String goal(RobotRuntime runtime) {
    return runtime.goal().replace('_', ' ') + runtime.target().map(t -> " " + t).orElse("");
  }

  /** One line: how it ended, then the figures a person looks at first. */
  static String outcome(RunSummary s) {
    // An abort reason could carry a line break; a trace's outcome is read as one line.
    String ended = s.outcome().replaceAll("\\s+", " ").strip();
    return String.format(
        Locale.ROOT,
        "%s (%.0f s, %.2f m driven, %d collision(s), %.0f %% of the map known)",
        ended,
        s.durationS(),
        s.distanceM(),
        s.collisions(),
        s.coverage() * 100);
  }

  private static String notes(String runId, String where, RunSummary s) {
    StringBuilder md = new StringBuilder();
    md.append("Robot run ").append(runId).append("; its black box is in ").append(where);
    md.append("/.\n\n- outcome: ").append(s.outcome());
    md.append(
        String.format(Locale.ROOT, "\n- duration: %.1f s, %d ticks", s.durationS(), s.ticks()));
    md.append(String.format(Locale.ROOT, "\n- distance: %.2f m", s.distanceM()));
    md.append(String.format(Locale.ROOT, "\n- collisions: %d", s.collisions()));
    md.append(String.format(Locale.ROOT, "\n- coverage: %.1f %%", s.coverage() * 100));
    s.decisionsByBrain().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                md.append("\n- decisions by ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue()));
    s.escalations().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                md.append("\n- escalations (")
                    .append(e.getKey())
                    .append("): ")
                    .append(e.getValue()));
    md.append(
        String.format(
            Locale.ROOT,
            "\n- tick time p50 / p99: %.3f / %.3f ms\n",
            s.tickP50Ms(),
            s.tickP99Ms()));
    return md.toString();
  }
}
