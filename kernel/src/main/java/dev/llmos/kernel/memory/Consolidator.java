package dev.llmos.kernel.memory;

import dev.llmos.kernel.config.MemoryPolicy;
import dev.llmos.kernel.volume.VolumeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns repeated short-term traces into long-term learnings, then applies retention, all in one
 * commit whose message says what was learnt and pruned and why.
 *
 * <p>Traces are grouped by {@link GoalSignature}. A group with no learning yet becomes one when it
 * has at least {@code memory.consolidation.min_traces} traces with a mean success of at least
 * {@code memory.consolidation.min_success_rate}. A learning that exists takes in every new trace of
 * its goal, successful or not, so its success rate stays honest. Traces already in a learning's
 * evidence are never counted again, so consolidating twice changes nothing the second time.
 *
 * <p>Retention then removes short-term traces older than {@code memory.retention.short_term_days}
 * and, oldest first, those beyond {@code memory.retention.max_short_term_traces}. It runs after the
 * learnings are staged in the same commit, so a pruned trace's id is already in the evidence of the
 * learning it supports. Damaged files are reported and left alone: never pruned, never overwritten.
 */
public final class Consolidator {
  /** Attempts when another writer changes memory between planning and committing. */
  private static final int MAX_ATTEMPTS = 3;

  private final MemoryStore store;

  public Consolidator(MemoryStore store) {
    this.store = store;
  }

  public ConsolidationReport consolidate() {
    for (int attempt = 1; ; attempt++) {
      MemoryStore.Snapshot before = store.scan();
      Plan plan = plan(before, store.policy(), store.clock().instant());
      if (plan.isEmpty()) {
        return plan.report(before, Optional.empty());
      }
      try {
        Optional<String> commit =
            store
                .volume()
                .transact(
                    plan.message(store.policy()),
                    tx -> {
                      // Planned outside the lock; refuse the plan if memory moved meanwhile.
                      if (!store.scan().equals(before)) {
                        throw new ChangedMeanwhile();
                      }
                      plan.written().forEach(l -> tx.put(l.path(), l.toMarkdown()));
                      plan.pruned().forEach(id -> tx.delete(Trace.path(id)));
                    });
        return plan.report(before, commit);
      } catch (ChangedMeanwhile e) {
        if (attempt == MAX_ATTEMPTS) {
          throw new VolumeException(
              "memory kept changing while it was being consolidated; run the consolidation again"
                  + " when other writers are done",
              e);
        }
      }
    }
  }

  private static Plan plan(MemoryStore.Snapshot memory, MemoryPolicy policy, Instant now) {
    Map<String, List<Trace>> groups =
        memory.traces().stream()
            .collect(
                Collectors.groupingBy(
                    t -> GoalSignature.of(t.goal()), TreeMap::new, Collectors.toList()));
    Map<String, Learning> learnt =
        memory.learnings().stream().collect(Collectors.toMap(Learning::id, Function.identity()));
    List<String> damagedPaths = memory.damaged().stream().map(DamagedFile::path).toList();
    List<Learning> written = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (var group : groups.entrySet()) {
      String signature = group.getKey();
      List<Trace> traces = group.getValue();
      Learning existing = learnt.get(signature.substring(0, 16));
      if (existing != null && existing.signature().equals(signature)) {
        Learning updated = existing.with(traces, policy.consolidationMinSuccessRate());
        if (updated.traces() > existing.traces()) {
          written.add(updated);
          notes.add(
              String.format(
                  Locale.ROOT,
                  "Added %d new trace(s) to %s \"%s\" (now %d traces at %s success).",
                  updated.traces() - existing.traces(),
                  updated.id(),
                  updated.goal(),
                  updated.traces(),
                  percent(updated.successRate())));
        }
        continue;
      }
      double mean = traces.stream().mapToDouble(Trace::success).average().orElse(0);
      boolean qualifies =
          traces.size() >= policy.consolidationMinTraces()
              && mean >= policy.consolidationMinSuccessRate();
      Learning candidate = Learning.from(traces, policy.consolidationMinSuccessRate());
      // A damaged or foreign file at the learning's path is left as the person wrote it.
      if (qualifies && existing == null && !damagedPaths.contains(candidate.path())) {
        written.add(candidate);
        notes.add(
            String.format(
                Locale.ROOT,
                "Learnt %s \"%s\" from %d traces at %s success (memory.consolidation asks for at"
                    + " least %d traces at %s).",
                candidate.id(),
                candidate.goal(),
                candidate.traces(),
                percent(candidate.successRate()),
                policy.consolidationMinTraces(),
                percent(policy.consolidationMinSuccessRate())));
      }
    }
    Instant cutoff = now.minus(Duration.ofDays(policy.shortTermDays()));
    List<String> old = new ArrayList<>();
    List<Trace> kept = new ArrayList<>();
    for (Trace t : memory.traces()) {
      if (t.time().isBefore(cutoff)) {
        old.add(t.id());
      } else {
        kept.add(t);
      }
    }
    // Traces are sorted oldest first, so the excess is at the front.
    int excess = Math.max(0, kept.size() - policy.maxShortTermTraces());
    List<String> overLimit = kept.subList(0, excess).stream().map(Trace::id).toList();
    return new Plan(written, notes, old, overLimit);
  }

  private static String percent(double rate) {
    return Math.round(rate * 100) + "%";
  }

  private record Plan(
      List<Learning> written, List<String> notes, List<String> old, List<String> overLimit) {
    boolean isEmpty() {
      return written.isEmpty() && old.isEmpty() && overLimit.isEmpty();
    }

    List<String> pruned() {
      List<String> all = new ArrayList<>(old);
      all.addAll(overLimit);
      return all;
    }

    String message(MemoryPolicy policy) {
      StringBuilder m = new StringBuilder();
      m.append("Consolidate memory: ")
          .append(written.size())
          .append(written.size() == 1 ? " learning" : " learnings")
          .append(" written, ")
          .append(old.size() + overLimit.size())
          .append(" traces pruned\n\n");
      notes.forEach(n -> m.append(n).append('\n'));
      if (!old.isEmpty()) {
        m.append("Pruned ")
            .append(old.size())
            .append(" short-term trace(s) older than ")
            .append(policy.shortTermDays())
            .append(" days (memory.retention.short_term_days).\n");
      }
      if (!overLimit.isEmpty()) {
        m.append("Pruned the ")
            .append(overLimit.size())
            .append(" oldest short-term trace(s) to keep at most ")
            .append(policy.maxShortTermTraces())
            .append(" (memory.retention.max_short_term_traces).\n");
      }
      if (!old.isEmpty() || !overLimit.isEmpty()) {
        m.append("Ids of pruned traces stay in the evidence of the learnings they support.\n");
      }
      return m.toString();
    }

    ConsolidationReport report(MemoryStore.Snapshot memory, Optional<String> commit) {
      return new ConsolidationReport(written, old, overLimit, memory.damaged(), commit);
    }
  }

  /** Memory changed between planning and committing; the plan is made again. */
  private static final class ChangedMeanwhile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChangedMeanwhile() {
      super("memory changed while it was being consolidated", null, false, false);
    }
  }
}
