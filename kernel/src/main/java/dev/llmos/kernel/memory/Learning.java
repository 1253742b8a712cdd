package dev.llmos.kernel.memory;

import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.ProblemCollector;
import dev.llmos.kernel.document.YamlMap;
import dev.llmos.kernel.volume.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What long-term memory learnt about one goal: {@code memory/long_term/<signature first 16
 * hex>.md}. Everything in the body is derived from the frontmatter, so the file is rewritten the
 * same way every time and an unchanged learning gives unchanged bytes.
 *
 * <p>The statistics cover exactly the traces listed in {@code evidence}, including those that
 * retention has since pruned from short-term memory; a trace already in the evidence is never
 * counted again.
 *
 * @param signature the {@link GoalSignature} of the goal
 * @param goal a representative wording of the goal
 * @param traces how many traces support the learning (the size of {@code evidence})
 * @param successRate mean success of those traces, 0 to 1
 * @param agents each agent that worked on the goal, by name
 * @param firstSeen time of the oldest supporting trace
 * @param lastSeen time of the newest supporting trace
 * @param meanDurationS mean duration of the supporting traces, in seconds
 * @param worked outcomes of the successful traces, newest first, at most {@link #MAX_WORKED}
 * @param evidence the supporting trace ids, sorted
 */
public record Learning(
    String signature,
    String goal,
    int traces,
    double successRate,
    Map<String, AgentStats> agents,
    Instant firstSeen,
    Instant lastSeen,
    double meanDurationS,
    List<String> worked,
    List<String> evidence) {

  /** The directory of long-term memory in the user volume. */
  public static final String DIRECTORY = "memory/long_term";

  /** Enough examples to show what worked without turning the file into a log. */
  public static final int MAX_WORKED = 5;

  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
  private static final int ID_HEX = 16;
  private static final Set<String> KEYS =
      Set.of(
          "signature",
          "goal",
          "traces",
          "success_rate",
          "agents",
          "first_seen",
          "last_seen",
          "mean_duration_s",
          "worked",
          "evidence");

  /**
   * How one agent did on the goal.
   *
   * @param traces traces of this agent among the evidence
   * @param successRate their mean success, 0 to 1
   */
  public record AgentStats(int traces, double successRate) {
    public AgentStats {
      if (traces < 1 || !(successRate >= 0 && successRate <= 1)) {
        throw new IllegalArgumentException(
            "agent stats need at least 1 trace and a success rate from 0 to 1");
      }
    }
  }

  public Learning {
    if (signature == null || !SIGNATURE.matcher(signature).matches()) {
      throw new IllegalArgumentException("signature must be 64 lower-case hex digits");
    }
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    agents = Collections.unmodifiableMap(new TreeMap<>(agents));
    worked = List.copyOf(worked);
    evidence = List.copyOf(new TreeSet<>(evidence));
    if (traces != evidence.size()
        || traces != agents.values().stream().mapToInt(AgentStats::traces).sum()) {
      throw new IllegalArgumentException(
          "traces ("
              + traces
              + ") must equal the number of evidence ids and the agents' traces together");
    }
  }

  /** A new learning from the traces of one goal; the caller has checked the thresholds. */
  static Learning from(List<Trace> group, double minSuccessRate) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("a learning needs at least one trace");
    }
    Trace first = group.stream().min(Comparator.comparing(Trace::time)).orElseThrow();
    String signature = GoalSignature.of(first.goal());
    Learning seed =
        new Learning(
            signature,
            representativeGoal(group),
            0,
            0,
            Map.of(),
            first.time(),
            first.time(),
            0,
            List.of(),
            List.of());
    return seed.with(group, minSuccessRate);
  }

  /**
   * This learning with more traces added. Traces already in the evidence are skipped, so merging
   * the same traces twice changes nothing.
   */
  Learning with(List<Trace> more, double minSuccessRate) {
    Set<String> known = new TreeSet<>(evidence);
    List<Trace> fresh = more.stream().filter(t -> !known.contains(t.id())).toList();
    if (fresh.isEmpty()) {
      return this;
    }
    int total = traces + fresh.size();
    // Stored rates are rounded to 4 decimals; re-weighting them drifts by less than that.
    double successSum = successRate * traces;
    double durationSum = meanDurationS * traces;
    Map<String, double[]> perAgent = new TreeMap<>();
    agents.forEach(
        (name, s) -> perAgent.put(name, new double[] {s.traces(), s.successRate() * s.traces()}));
    Instant first = traces == 0 ? fresh.get(0).time() : firstSeen;
    Instant last = traces == 0 ? fresh.get(0).time() : lastSeen;
    for (Trace t : fresh) {
      successSum += t.success();
      durationSum += t.durationS();
      double[] a = perAgent.computeIfAbsent(t.agent(), k -> new double[2]);
      a[0]++;
      a[1] += t.success();
      first = t.time().isBefore(first) ? t.time() : first;
      last = t.time().isAfter(last) ? t.time() : last;
      known.add(t.id());
    }
    Map<String, AgentStats> merged = new TreeMap<>();
    perAgent.forEach((name, a) -> merged.put(name, new AgentStats((int) a[0], round(a[1] / a[0]))));
    return new Learning(
        signature,
        goal,
        total,
        round(successSum / total),
        merged,
        first,
        last,
        round(durationSum / total),
        mergeWorked(fresh, minSuccessRate),
        new ArrayList<>(known));
  }

  /** The file name without {@code .md}: the first 16 hex digits of the signature. */
  public String id() {
    return signature.substring(0, ID_HEX);
  }

  public String path() {
    return DIRECTORY + "/" + id() + ".md";
  }

  /** The agent with the best success rate; more traces, then the name, break ties. */
  public String bestAgent() {
    return agents.entrySet().stream()
        .min(
            Comparator.<Map.Entry<String, AgentStats>>comparingDouble(
                    e -> -e.getValue().successRate())
                .thenComparing(e -> -e.getValue().traces())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .orElse("");
  }

  /** The learning as a markdown file. */
  public byte[] toMarkdown() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("signature", signature);
    fields.put("goal", goal);
    fields.put("traces", traces);
    fields.put("success_rate", successRate);
    Map<String, Object> agentFields = new LinkedHashMap<>();
    agents.forEach(
        (name, s) -> {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("traces", s.traces());
          one.put("success_rate", s.successRate());
          agentFields.put(name, one);
        });
    fields.put("agents", agentFields);
    fields.put("first_seen", firstSeen.toString());
    fields.put("last_seen", lastSeen.toString());
    fields.put("mean_duration_s", meanDurationS);
    fields.put("worked", worked);
    fields.put("evidence", evidence);
    return MarkdownDocument.of(path(), fields, body()).bytes();
  }

  /** The readable part: what worked, which agent did best, how long it typically took. */
  public String body() {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(goal).append("\n\n");
    b.append("Learnt from ")
        .append(count(traces, "trace"))
        .append(" seen from ")
        .append(firstSeen)
        .append(" to ")
        .append(lastSeen)
        .append("; ")
        .append(percent(successRate))
        .append(" success on average.\n\n");
    b.append("## What worked\n\n");
    if (worked.isEmpty()) {
      b.append("No single run reached the success threshold on its own.\n");
    }
    worked.forEach(w -> b.append("- ").append(w.replace('\n', ' ')).append('\n'));
    b.append("\n## Which agent did best\n\n");
    String best = bestAgent();
    AgentStats bestStats = agents.get(best);
    if (bestStats != null) {
      b.append("**")
          .append(best)
          .append("**: ")
          .append(percent(bestStats.successRate()))
          .append(" success over ")
          .append(count(bestStats.traces(), "trace"))
          .append(".\n");
    }
    if (agents.size() > 1) {
      b.append("\nThe others:\n\n");
    }
    agents.forEach(
        (name, s) -> {
          if (!name.equals(best)) {
            b.append("- ")
                .append(name)
                .append(": ")
                .append(percent(s.successRate()))
                .append(" over ")
                .append(count(s.traces(), "trace"))
                .append('\n');
          }
        });
    b.append("\n## Typical duration\n\n")
        .append(String.format(Locale.ROOT, "%.1f s", meanDurationS))
        .append(" per run (mean of ")
        .append(count(traces, "trace"))
        .append(").\n");
    return b.toString();
  }

  /**
   * Reads a long-term memory file, refusing it whole with every problem found.
   *
   * @param expectedId the id the file name gives
   */
  public static Learning parse(String source, byte[] bytes, String expectedId) {
    YamlMap f = MarkdownDocument.parse(source, bytes).fields();
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> f.allowOnly(KEYS));
    var signature = problems.check(() -> signature(f, expectedId));
    var goal = problems.check(() -> goal(f));
    var traces = problems.check(() -> f.integer("traces", 1, Integer.MAX_VALUE));
    var rate = problems.check(() -> f.number("success_rate", 0, 1));
    var agents = problems.check(() -> agents(f));
    var first = problems.check(() -> Trace.instant(f, "first_seen"));
    var last = problems.check(() -> Trace.instant(f, "last_seen"));
    var duration = problems.check(() -> f.number("mean_duration_s", 0, Trace.MAX_DURATION_S));
    var worked = problems.check(() -> f.stringList("worked"));
    var evidence = problems.check(() -> evidence(f));
    problems.throwIfAny();
    ProblemCollector consistency = new ProblemCollector();
    if (traces.orElseThrow() != evidence.orElseThrow().size()) {
      consistency.add(
          f.valueLocationOf("traces"),
          "traces is "
              + traces.orElseThrow()
              + " but evidence lists "
              + evidence.orElseThrow().size()
              + " distinct trace ids; they must agree");
    }
    int agentTraces = agents.orElseThrow().values().stream().mapToInt(AgentStats::traces).sum();
    if (agentTraces != traces.orElseThrow()) {
      consistency.add(
          f.valueLocationOf("agents"),
          "agents account for " + agentTraces + " traces but traces is " + traces.orElseThrow());
    }
    consistency.throwIfAny();
    return new Learning(
        signature.orElseThrow(),
        goal.orElseThrow(),
        traces.orElseThrow(),
        rate.orElseThrow(),
        agents.orElseThrow(),
        first.orElseThrow(),
        last.orElseThrow(),
        duration.orElseThrow(),
        worked.orElseThrow(),
        evidence.orElseThrow());
  }

  private List<String> mergeWorked(List<Trace> fresh, double minSuccessRate) {
    Set<String> out = new LinkedHashSet<>();
    fresh.stream()
        .filter(t -> t.success() >= minSuccessRate)
        .sorted(Comparator.comparing(Trace::time).thenComparing(Trace::id).reversed())
        .forEach(t -> out.add(t.outcome().strip()));
    out.addAll(worked);
    return out.stream().limit(MAX_WORKED).toList();
  }

  /** The wording used most often; the earliest trace breaks ties. */
  private static String representativeGoal(List<Trace> group) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    group.stream()
        .sorted(Comparator.comparing(Trace::time).thenComparing(Trace::id))
        .forEach(t -> counts.merge(t.goal().strip(), 1, Integer::sum));
    int most = Collections.max(counts.values());
    return counts.entrySet().stream()
        .filter(e -> e.getValue() == most)
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  private static String signature(YamlMap f, String expectedId) {
    String s = f.string("signature");
    if (!SIGNATURE.matcher(s).matches()) {
      throw new InvalidDocumentException(
          f.valueLocationOf("signature"), "signature must be 64 lower-case hex digits (SHA-256)");
    }
    if (!s.startsWith(expectedId) || expectedId.length() != ID_HEX) {
      throw new InvalidDocumentException(
          f.valueLocationOf("signature"),
          "signature does not match the file name; the file must be named after its first "
              + ID_HEX
              + " hex digits ("
              + s.substring(0, ID_HEX)
              + ".md)");
    }
    return s;
  }

  private static String goal(YamlMap f) {
    String g = f.string("goal");
    Trace.goalProblem(g)
        .ifPresent(
            p -> {
              throw new InvalidDocumentException(f.valueLocationOf("goal"), p);
            });
    return g;
  }

  private static Map<String, AgentStats> agents(YamlMap f) {
    YamlMap all = f.map("agents");
    if (all.isEmpty()) {
      throw new InvalidDocumentException(
          f.valueLocationOf("agents"), "agents must name at least one agent");
    }
    Map<String, AgentStats> out = new TreeMap<>();
    ProblemCollector problems = new ProblemCollector();
    for (String name : all.keys()) {
      Names.problem(name).ifPresent(p -> problems.add(all.locationOf(name), "agent " + p));
      problems
          .check(
              () -> {
                YamlMap one = all.map(name);
                one.allowOnly(Set.of("traces", "success_rate"));
                return new AgentStats(
                    one.integer("traces", 1, Integer.MAX_VALUE), one.number("success_rate", 0, 1));
              })
          .ifPresent(s -> out.put(name, s));
    }
    problems.throwIfAny();
    return out;
  }

  private static List<String> evidence(YamlMap f) {
    List<String> ids = f.stringList("evidence");
    ProblemCollector problems = new ProblemCollector();
    for (String id : ids) {
      Trace.idProblem(id)
          .ifPresent(p -> problems.add(f.valueLocationOf("evidence"), "evidence: " + p));
    }
    if (new TreeSet<>(ids).size() != ids.size()) {
      problems.add(f.valueLocationOf("evidence"), "evidence lists a trace id twice");
    }
    problems.throwIfAny();
    return ids;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static String percent(double rate) {
    return Math.round(rate * 100) + "%";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
