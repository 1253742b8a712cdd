package dev.llmos.kernel.memory;

import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.ProblemCollector;
import dev.llmos.kernel.document.YamlMap;
import dev.llmos.kernel.volume.Names;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One piece of work remembered in short-term memory: {@code memory/short_term/<id>.md}.
 *
 * @param id the trace's id, also its file name; see {@link #newId}
 * @param time when the work was logged
 * @param agent the agent that did the work (an agent name)
 * @param goal what was asked, one line
 * @param outcome what happened
 * @param success how well it went, 0 (failed) to 1 (fully succeeded)
 * @param durationS how long the work took, in seconds
 * @param parent the trace this work was part of, if any
 * @param previous the trace of the attempt before this one, if any
 * @param notes free markdown notes (the file's body)
 */
public record Trace(
    String id,
    Instant time,
    String agent,
    String goal,
    String outcome,
    double success,
    double durationS,
    Optional<String> parent,
    Optional<String> previous,
    String notes) {

  /** The directory of short-term memory in the user volume. */
  public static final String DIRECTORY = "memory/short_term";

  /** A week of work; longer durations are almost certainly a unit mistake. */
  public static final double MAX_DURATION_S = 7 * 24 * 3600.0;

  public static final int MAX_GOAL_CHARS = 500;

  private static final Pattern ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Set<String> KEYS =
      Set.of(
          "id", "time", "agent", "goal", "outcome", "success", "duration_s", "parent", "previous");

  public Trace {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(previous, "previous");
    requireValid(idProblem(id));
    requireValid(Names.problem(agent).map(p -> "agent " + p));
    requireValid(goalProblem(goal));
    requireValid(outcomeProblem(outcome));
    requireValid(successProblem(success));
    requireValid(durationProblem(durationS));
    parent.ifPresent(p -> requireValid(idProblem(p).map(m -> "parent: " + m)));
    previous.ifPresent(p -> requireValid(idProblem(p).map(m -> "previous: " + m)));
    notes = Objects.requireNonNull(notes, "notes").strip();
  }

  /**
   * A trace id: the UTC second of {@code time}, then 6 hex digits of SHA-256 over goal, agent, time
   * and a nonce. The same inputs give the same id, so ids are reproducible under a simulated clock;
   * the caller raises the nonce when an id is already taken. Ids sort by time and are safe file
   * names on every platform.
   */
  public static String newId(Instant time, String agent, String goal, int nonce) {
    String material = goal + "\n" + agent + "\n" + time + "\n" + nonce;
    return ID_TIME.format(time) + "-" + Sha256.hex(material).substring(0, 6);
  }

  /** What is wrong with a trace id, or nothing when it is valid. */
  public static Optional<String> idProblem(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.of(
          "trace id '"
              + id
              + "' must look like 20261125T010203Z-1a2b3c (UTC second, 6 hex digits)");
    }
    return Optional.empty();
  }

  /** The volume-relative path of a trace's file. */
  public static String path(String id) {
    return DIRECTORY + "/" + id + ".md";
  }

  public String path() {
    return path(id);
  }

  /** The trace as a markdown file. */
  public byte[] toMarkdown() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("time", time.toString());
    fields.put("agent", agent);
    fields.put("goal", goal);
    fields.put("outcome", outcome);
    fields.put("success", success);
    fields.put("duration_s", durationS);
    parent.ifPresent(p -> fields.put("parent", p));
    previous.ifPresent(p -> fields.put("previous", p));
    String body = notes.isEmpty() ? "" : notes + "\n";
    return MarkdownDocument.of(path(), fields, body).bytes();
  }

  /**
   * Reads a trace file, refusing it whole with every problem found (file, line, field).
   *
   * @param source the name errors use
   * @param expectedId the id the file name gives; the {@code id} field must equal it
   */
  public static Trace parse(String source, byte[] bytes, String expectedId) {
    MarkdownDocument doc = MarkdownDocument.parse(source, bytes);
    YamlMap f = doc.fields();
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> f.allowOnly(KEYS));
    var id = problems.check(() -> checked(f, "id", f.string("id"), Trace::idProblem));
    id.filter(i -> !i.equals(expectedId))
        .ifPresent(
            i ->
                problems.add(
                    f.valueLocationOf("id"),
                    "id '" + i + "' does not match the file name; expected '" + expectedId + "'"));
    var time = problems.check(() -> instant(f, "time"));
    var agent =
        problems.check(
            () ->
                checked(
                    f, "agent", f.string("agent"), a -> Names.problem(a).map(p -> "agent " + p)));
    var goal = problems.check(() -> checked(f, "goal", f.string("goal"), Trace::goalProblem));
    var outcome =
        problems.check(() -> checked(f, "outcome", f.string("outcome"), Trace::outcomeProblem));
    var success = problems.check(() -> f.number("success", 0, 1));
    var duration = problems.check(() -> f.number("duration_s", 0, MAX_DURATION_S));
    var parent = problems.check(() -> optionalId(f, "parent"));
    var previous = problems.check(() -> optionalId(f, "previous"));
    problems.throwIfAny();
    return new Trace(
        id.orElseThrow(),
        time.orElseThrow(),
        agent.orElseThrow(),
        goal.orElseThrow(),
        outcome.orElseThrow(),
        success.orElseThrow(),
        duration.orElseThrow(),
        parent.orElseThrow(),
        previous.orElseThrow(),
        doc.body());
  }

  static Optional<String> goalProblem(String goal) {
    if (goal == null || goal.isBlank()) {
      return Optional.of("goal must not be empty; say what was asked");
    }
    if (goal.contains("\n") || goal.contains("\r")) {
      return Optional.of("goal must be one line; put details in the notes");
    }
    if (goal.length() > MAX_GOAL_CHARS) {
      return Optional.of(
          "goal is " + goal.length() + " characters; at most " + MAX_GOAL_CHARS + " are allowed");
    }
    return Optional.empty();
  }

  private static Optional<String> outcomeProblem(String outcome) {
    return outcome == null || outcome.isBlank()
        ? Optional.of("outcome must not be empty; say what happened")
        : Optional.empty();
  }

  private static Optional<String> successProblem(double success) {
    return success >= 0 && success <= 1
        ? Optional.empty()
        : Optional.of("success must be from 0 to 1, got " + success);
  }

  private static Optional<String> durationProblem(double durationS) {
    return durationS >= 0 && durationS <= MAX_DURATION_S
        ? Optional.empty()
        : Optional.of(
            "duration_s must be from 0 to " + (long) MAX_DURATION_S + " seconds, got " + durationS);
  }

  private static void requireValid(Optional<String> problem) {
    problem.ifPresent(
        p -> {
          throw new IllegalArgumentException(p);
        });
  }

  private static String checked(
      YamlMap f, String key, String value, Function<String, Optional<String>> rule) {
    rule.apply(value)
        .ifPresent(
            p -> {
              throw new InvalidDocumentException(f.valueLocationOf(key), p);
            });
    return value;
  }

  static Instant instant(YamlMap f, String key) {
    String text = f.string(key);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidDocumentException(
          f.valueLocationOf(key),
          "field '"
              + key
              + "' must be an ISO-8601 instant such as 2026-11-25T01:02:03Z, got '"
              + text
              + "'");
    }
  }

  private static Optional<String> optionalId(YamlMap f, String key) {
    return f.optionalString(key)
        .map(v -> checked(f, key, v, i -> idProblem(i).map(p -> key + ": " + p)));
  }
}
