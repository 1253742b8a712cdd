package dev.llmos.kernel.catalog;

import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.ProblemCollector;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.document.YamlMap;
import dev.llmos.kernel.rules.Condition;
import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.rules.Rule;
import dev.llmos.kernel.rules.RuleParser;
import dev.llmos.kernel.rules.RuleSyntaxException;
import dev.llmos.kernel.volume.Names;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agent schema. Required: {@code name} (equal to the file name), {@code description}, {@code
 * kind}, {@code version}, {@code origin}, and {@code parent} when copied or evolved. Optional:
 * {@code skills} (each must exist), {@code tools}, {@code provenance}. A robot agent must have a
 * {@code runtime} block; other kinds must not.
 */
public final class AgentSchema {
  public static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "kind",
          "version",
          "origin",
          "parent",
          "skills",
          "tools",
          "runtime",
          Provenance.FIELD);
  static final Set<String> RUNTIME_FIELDS =
      Set.of("goal", "target", "instinct", "planner", "params", "rules");
  private static final Pattern PARENT = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)@([1-9][0-9]*)");
  private static final Pattern PARAM = Pattern.compile("[a-z][a-z0-9_]*");

  private AgentSchema() {}

  /**
   * Validates an agent file; every problem found is reported at once.
   *
   * @param expectedName the file name without {@code .md}
   * @param knownSkills the skills that exist in the volumes this agent can see
   */
  public static AgentSpec read(
      MarkdownDocument doc,
      String expectedName,
      VolumeKind volume,
      Set<String> knownSkills,
      KernelSettings settings) {
    YamlMap f = doc.fields();
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> f.allowOnly(FIELDS));
    Optional<String> name = problems.check(() -> f.string("name"));
    name.ifPresent(n -> SkillSchema.checkName(problems, f, n, expectedName, "file"));
    Optional<String> description =
        problems.check(() -> SkillSchema.description(f, settings.maxDescriptionChars()));
    Optional<AgentKind> kind =
        problems
            .check(() -> f.choice("kind", labels(AgentKind.values())))
            .map(k -> AgentKind.valueOf(k.toUpperCase(Locale.ROOT)));
    Optional<Integer> version = problems.check(() -> f.integer("version", 1, 1_000_000));
    Optional<Origin> origin =
        problems
            .check(() -> f.choice("origin", labels(Origin.values())))
            .map(o -> Origin.valueOf(o.toUpperCase(Locale.ROOT)));
    Optional<String> parent = problems.check(() -> f.optionalString("parent")).flatMap(p -> p);
    origin.ifPresent(
        o -> {
          if (o != Origin.CREATED && parent.isEmpty()) {
            problems.add(
                f.valueLocationOf("origin"),
                "an agent that was "
                    + o.label()
                    + " must name its parent: add 'parent: <name>@<version>'");
          }
          if (o == Origin.CREATED && parent.isPresent()) {
            problems.add(
                f.locationOf("parent"),
                "a created agent has no parent; use origin 'copied' or 'evolved', or remove"
                    + " 'parent'");
          }
        });
    parent
        .filter(p -> !PARENT.matcher(p).matches())
        .ifPresent(
            p ->
                problems.add(
                    f.valueLocationOf("parent"),
                    "field 'parent' must be <name>@<version> such as wall-avoider@2, got '"
                        + p
                        + "'"));
    List<String> skills = problems.check(() -> f.stringList("skills")).orElse(List.of());
    for (int i = 0; i < skills.size(); i++) {
      String skill = skills.get(i);
      if (!knownSkills.contains(skill)) {
        problems.add(
            f.itemLocationOf("skills", i),
            "skill '" + skill + "' does not exist in any volume; see `llmos skills list`");
      }
    }
    List<String> tools = problems.check(() -> f.stringList("tools")).orElse(List.of());
    List<Provenance> provenance = problems.check(() -> Provenance.readAll(f)).orElse(List.of());
    Optional<RobotRuntime> runtime = Optional.empty();
    if (kind.isPresent()) {
      if (kind.get() == AgentKind.ROBOT) {
        if (!f.has("runtime")) {
          problems.add(
              f.location(),
              "a robot agent needs a 'runtime' block (goal, instinct, planner, params, rules)");
        } else {
          runtime = problems.check(() -> runtime(f.map("runtime")));
        }
        if (!tools.isEmpty()) {
          problems.add(f.locationOf("tools"), "a robot agent has no development tools");
        }
      } else if (f.has("runtime")) {
        problems.add(
            f.locationOf("runtime"),
            "only robot agents have a 'runtime' block; this agent is a " + kind.get().label());
      }
    }
    if (doc.body().isBlank()) {
      problems.add(
          SourceLocation.of(doc.source(), doc.bodyFirstLine()),
          "the agent has no body: the body is its system prompt and must not be empty");
    }
    problems.throwIfAny();
    return new AgentSpec(
        name.orElseThrow(),
        description.orElseThrow(),
        kind.orElseThrow(),
        version.orElseThrow(),
        origin.orElseThrow(),
        parent,
        skills,
        tools,
        runtime,
        provenance,
        volume,
        AgentSpec.pathOf(expectedName),
        doc);
  }

  private static RobotRuntime runtime(YamlMap r) {
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> r.allowOnly(RUNTIME_FIELDS));
    Optional<String> goal = problems.check(() -> r.choice("goal", RobotRuntime.GOALS));
    Optional<String> target = problems.check(() -> r.optionalString("target")).flatMap(t -> t);
    String instinct = "rules";
    Optional<Double> budget = Optional.empty();
    if (r.has("instinct")) {
      Optional<YamlMap> i = problems.check(() -> r.map("instinct"));
      if (i.isPresent()) {
        problems.run(() -> i.get().allowOnly(Set.of("mode", "latency_budget_s")));
        instinct =
            problems.check(() -> i.get().choice("mode", RobotRuntime.INSTINCT_MODES)).orElse("");
        budget =
            problems
                .check(() -> i.get().optionalNumber("latency_budget_s", 0.01, 60))
                .flatMap(b -> b);
      }
    }
    String planner = "classical";
    Optional<String> preset = Optional.empty();
    if (r.has("planner")) {
      Optional<YamlMap> p = problems.check(() -> r.map("planner"));
      if (p.isPresent()) {
        YamlMap pm = p.get();
        problems.run(() -> pm.allowOnly(Set.of("mode", "preset")));
        planner = problems.check(() -> pm.choice("mode", RobotRuntime.PLANNER_MODES)).orElse("");
        if (pm.has("preset")) {
          preset = problems.check(() -> pm.choice("preset", RobotRuntime.RSA_PRESETS));
          if (!planner.equals("rsa")) {
            problems.add(pm.locationOf("preset"), "a planner preset applies only with mode 'rsa'");
          }
        }
      }
    }
    Map<String, Double> params = problems.check(() -> r.numberMap("params")).orElse(Map.of());
    for (String param : params.keySet()) {
      if (!PARAM.matcher(param).matches()) {
        problems.add(
            r.map("params").locationOf(param),
            "parameter '" + param + "' must be lower_snake_case so rules can name it");
      } else if (Reading.byKey(param).isPresent() || RuleParser.KEYWORDS.contains(param)) {
        problems.add(
            r.map("params").locationOf(param),
            "parameter '"
                + param
                + "' has the name of a "
                + (RuleParser.KEYWORDS.contains(param) ? "rule keyword" : "reading")
                + "; rules could not tell them apart, rename it");
      }
    }
    List<String> texts = problems.check(() -> r.stringList("rules")).orElse(List.of());
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        rules.add(RuleParser.parse(texts.get(i), params.keySet()));
      } catch (RuleSyntaxException e) {
        problems.add(
            r.itemLocationOf("rules", i),
            "rule "
                + (i + 1)
                + " '"
                + texts.get(i)
                + "', column "
                + e.column()
                + ": "
                + e.reason());
      }
    }
    // Enforced, not advised: without a catch-all some ticks would have no action at all.
    if (rules.size() == texts.size()
        && !texts.isEmpty()
        && !(rules.get(rules.size() - 1).condition() instanceof Condition.Always)) {
      problems.add(
          r.itemLocationOf("rules", texts.size() - 1),
          "the last rule must be 'if always then <action>' so that every tick has an action");
    }
    problems.throwIfAny();
    return new RobotRuntime(
        goal.orElseThrow(), target, instinct, budget, planner, preset, params, rules);
  }

  private static List<String> labels(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** Refuses an agent file name that breaks the naming rule, before anything is read. */
  static void checkFileName(String file, String name) {
    Names.problem(name)
        .ifPresent(
            p -> {
              throw new InvalidDocumentException(SourceLocation.of(file), p);
            });
  }
}
