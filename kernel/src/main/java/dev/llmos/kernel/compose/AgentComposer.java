package dev.llmos.kernel.compose;

import dev.llmos.kernel.catalog.AgentSchema;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.search.SkillHit;
import dev.llmos.kernel.search.SkillSearch;
import dev.llmos.kernel.volume.Names;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a robot agent for a plain-English description without a language model. The behaviour is
 * chosen from the description's words and the skill search, numbers the person gave (a distance, a
 * speed, patrol points, the object to find) become parameters, and the result is validated against
 * the agent schema. The same description and catalog always give the same bytes.
 */
public final class AgentComposer {
  /** The top speed the safety-limits skill allows on either wheel. */
  static final double MAX_SPEED_MPS = 0.3;

  private static final int SEARCH_LIMIT = 6;
  private static final int NAME_WORDS = 4;
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "to", "of", "in", "on", "at", "and", "or", "if", "it", "its", "is",
          "be", "me", "my", "i", "you", "your", "please", "robot", "can", "could", "would", "want",
          "should", "let", "lets", "then", "into", "from", "with", "for", "this", "that", "there",
          "any", "so", "up", "around", "s", "t");
  private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
  private static final Pattern DISTANCE =
      Pattern.compile(
          "(\\d+(?:\\.\\d+)?)\\s*(cm|centimet(?:er|re)s?|mm|millimet(?:er|re)s?|m|met(?:er|re)s?)"
              + "(?![\\w/])");
  private static final Pattern SPEED =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:m\\s*/\\s*s|mps|met(?:er|re)s? (?:per|a) second)");
  private static final Pattern POINT =
      Pattern.compile("\\(\\s*(-?\\d+(?:\\.\\d+)?)\\s*,\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\)");
  private static final List<String> SLOW_WORDS = List.of("slow", "careful", "gentl", "gradual");
  private static final List<String> FAST_WORDS = List.of("fast", "quick", "hurr", "rapid");

  /** Objects the shipped arenas have, by the words that name them. */
  private static final Map<String, String> TARGET_WORDS = targetWords();

  /** Colours a person may name that no arena object has. */
  private static final List<String> OTHER_COLOURS =
      List.of(
          "blue", "green", "orange", "purple", "grey", "gray", "brown", "white", "black", "pink");

  private final Catalog catalog;
  private final KernelSettings settings;

  public AgentComposer(Catalog catalog, KernelSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  /** Composes an agent named from the description. */
  public Composition compose(String description) {
    return compose(description, Optional.empty());
  }

  /**
   * Composes an agent.
   *
   * @param name the agent's name; empty to derive one from the description
   * @throws IllegalArgumentException when the name breaks the naming rule or is taken
   */
  public Composition compose(String description, Optional<String> name) {
    name.ifPresent(this::requireFree);
    String text = normalise(description == null ? "" : description);
    if (text.isEmpty()) {
      return refuse("the description is empty");
    }
    List<SkillHit> hits = search(text);
    Map<Behaviour, Double> scores = new LinkedHashMap<>();
    Map<Behaviour, List<String>> matched = new LinkedHashMap<>();
    for (Behaviour b : Behaviour.values()) {
      List<String> cues = matchedCues(text, b);
      if (!cues.isEmpty()) {
        matched.put(b, cues);
        scores.put(b, cueWeight(cues) + searchWeight(hits, b));
      }
    }
    if (scores.isEmpty()) {
      return refuse("none of its words names a behaviour I know");
    }
    Behaviour chosen = best(scores);
    List<String> notes = new ArrayList<>();
    Plan plan;
    try {
      plan = plan(chosen, text, notes);
    } catch (Unsupported e) {
      return refuse(e.getMessage());
    }
    String agentName = name.orElseGet(() -> uniqueName(derivedName(text, chosen)));
    List<String> skills = skills(chosen, hits);
    String why = why(chosen, matched.get(chosen), hits, notes);
    MarkdownDocument doc = document(agentName, description.strip(), chosen, skills, plan);
    validate(doc, agentName);
    return new Composition.Composed(agentName, chosen, why, skills, doc);
  }

  /** Highest score wins; on a tie the earlier behaviour in the enum, so the choice is stable. */
  private static Behaviour best(Map<Behaviour, Double> scores) {
    Behaviour best = null;
    for (var e : scores.entrySet()) {
      if (best == null || e.getValue() > scores.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** The message for anything the composer cannot do, with what it can do instead. */
  static String capabilities() {
    StringBuilder out =
        new StringBuilder("Without a model, `llmos create` writes robot agents that");
    out.append(":\n");
    for (Behaviour b : Behaviour.values()) {
      out.append("  - ").append(b.summary()).append('\n');
    }
    out.append(
        "for example `llmos create \"avoid walls\"`, `llmos create \"explore the room\"`,"
            + " `llmos create \"go to the red ball\"`, `llmos create \"stop if anything gets"
            + " within 20 cm\"`.\n");
    out.append(
        "For anything else, set ANTHROPIC_API_KEY so that `llmos create` uses Claude, or use"
            + " /llmos in Claude Code.");
    return out.toString();
  }

  private static Composition refuse(String reason) {
    return new Composition.Refused(
        "Cannot compose an agent offline: " + reason + ".\n" + capabilities());
  }

  private void requireFree(String name) {
    Names.problem(name)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("agent name '" + name + "': " + p);
            });
    if (takenNames().contains(name)) {
      throw new IllegalArgumentException(
          "an agent named '" + name + "' already exists; choose another --name");
    }
  }

  private Set<String> takenNames() {
    return catalog.allAgents().stream().map(AgentSpec::name).collect(Collectors.toSet());
  }

  private String uniqueName(String base) {
    Set<String> taken = takenNames();
    if (!taken.contains(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + "-" + i;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static String derivedName(String text, Behaviour behaviour) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      if (!STOP_WORDS.contains(m.group()) && words.size() < NAME_WORDS) {
        words.add(m.group());
      }
    }
    String name = String.join("-", words);
    if (name.length() > 40) {
      name = name.substring(0, 40).replaceAll("-+$", "");
    }
    return name.isEmpty() || Names.problem(name).isPresent()
        ? behaviour.goal().replace('_', '-')
        : name;
  }

  private static String normalise(String description) {
    return description
        .toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'')
        .replaceAll("\\s+", " ")
        .strip();
  }

  private List<SkillHit> search(String text) {
    try (SkillSearch search = SkillSearch.of(catalog)) {
      return search.search(text, SEARCH_LIMIT);
    } catch (IllegalArgumentException onlyCommonWords) {
      return List.of();
    }
  }

  private static List<String> matchedCues(String text, Behaviour behaviour) {
    List<String> found = new ArrayList<>();
    for (String cue : behaviour.cues()) {
      if (Behaviour.cuePattern(cue).matcher(text).find()) {
        found.add(cue);
      }
    }
    return found;
  }

  /** A phrase says more than a single word, so each cue counts by its number of words. */
  private static double cueWeight(List<String> cues) {
    return cues.stream().mapToInt(c -> c.split(" ").length).sum();
  }

  /** The search breaks ties: its first hit adds one, a lower hit in the list half of one. */
  private static double searchWeight(List<SkillHit> hits, Behaviour behaviour) {
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).name().equals(behaviour.primarySkill())) {
        return i == 0 ? 1.0 : 0.5;
      }
    }
    return 0;
  }

  /** The behaviour's main skill, the others it may use that the search found, then safety. */
  private List<String> skills(Behaviour behaviour, List<SkillHit> hits) {
    Set<String> known = catalog.skillNames();
    Set<String> skills = new LinkedHashSet<>();
    skills.add(behaviour.primarySkill());
    for (SkillHit hit : hits) {
      if (behaviour.skills().contains(hit.name())) {
        skills.add(hit.name());
      }
    }
    skills.add("obstacle-avoidance");
    skills.add("safety-limits");
    return skills.stream().filter(known::contains).toList();
  }

  private static String why(
      Behaviour behaviour, List<String> cues, List<SkillHit> hits, List<String> notes) {
    StringBuilder out =
        new StringBuilder(behaviour.summary())
            .append(": the description says ")
            .append(cues.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")));
    if (hits.isEmpty()) {
      out.append("; the skill search found nothing");
    } else {
      out.append("; the skill search found ")
          .append(hits.stream().map(SkillHit::name).collect(Collectors.joining(", ")));
    }
    for (String note : notes) {
      out.append("; ").append(note);
    }
    return out.toString();
  }

  private void validate(MarkdownDocument doc, String name) {
    AgentSchema.read(
        doc.withSource("agents/" + name + ".md"),
        name,
        VolumeKind.USER,
        catalog.skillNames(),
        settings);
  }

  /** A description the composer recognised but cannot honour, with the reason for the person. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  /** The runtime block and what the prompt says about it. */
  private record Plan(
      String goal,
      Optional<String> target,
      Map<String, Double> params,
      List<String> rules,
      List<String> steps) {}

  private static Plan plan(Behaviour b, String text, List<String> notes) throws Unsupported {
    Optional<Double> distance = distance(text);
    double cruise = cruise(text, notes);
    Map<String, Double> p = new LinkedHashMap<>();
    List<String> rules = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    Optional<String> target = Optional.empty();
    switch (b) {
      case AVOID_OBSTACLES -> {
        double safe = bounded(distance, 0.2, 0.15, 0.5, "the distance to keep", notes);
        p.put("cruise_mps", cruise);
        p.put("safe_distance_m", safe);
        p.put("open_m", round(safe + 0.2));
        p.put("turn_rad", 0.785);
        p.put("backoff_mps", 0.1);
        p.put("stuck_limit_s", 2.0);
        p.put("critical_pct", 10.0);
        rules.addAll(escapeRules());
        rules.add("if battery_pct < critical_pct then stop()");
        rules.add("if stuck_s > stuck_limit_s and rear_m > 0.15 then backward(backoff_mps)");
        rules.add("if stuck_s > stuck_limit_s then rotate(1.57)");
        rules.addAll(turnAwayRules());
        rules.add("if front_left_m < safe_distance_m then twist(0.1, -0.8)");
        rules.add("if front_right_m < safe_distance_m then twist(0.1, 0.8)");
        rules.add("if always then forward(cruise_mps)");
        steps.add("Bumper pressed: back off if the rear is clear, otherwise turn around.");
        steps.add("Stuck for 2 s: back off or turn 90 degrees.");
        steps.add(
            "Anything ahead closer than "
                + cm(safe)
                + ": turn 45 degrees toward the side with more room, or turn around.");
        steps.add("Something close on a front diagonal: curve away while moving.");
        steps.add("Otherwise drive forward at " + speed(cruise) + "; long straight runs.");
        steps.add("Battery under 10 percent: stop.");
      }
      case EXPLORE -> {
        p.put("cruise_mps", cruise);
        p.put("safe_distance_m", 0.2);
        p.put("open_m", 0.4);
        p.put("turn_rad", 0.785);
        p.put("backoff_mps", 0.1);
        p.put("stuck_limit_s", 2.0);
        p.put("low_battery_pct", 25.0);
        p.put("critical_pct", 10.0);
        rules.addAll(escapeRules());
        rules.add("if battery_pct < critical_pct then stop()");
        rules.addAll(turnAwayRules());
        rules.add("if battery_pct < low_battery_pct then plan_home()");
        rules.add("if stuck_s > stuck_limit_s and rear_m > 0.15 then backward(backoff_mps)");
        rules.add("if stuck_s > stuck_limit_s then rotate(1.57)");
        rules.add("if always then plan_to_frontier()");
        steps.add("Keep safe first: bumper, anything closer than 20 cm ahead, stuck.");
        steps.add(
            "Otherwise drive to the nearest unexplored frontier with `plan_to_frontier()`"
                + " until every reachable part of the map is known.");
        steps.add("Battery under 25 percent: go home with `plan_home()`.");
      }
      case FOLLOW_WALL -> {
        boolean right = Pattern.compile("\\bright\\b").matcher(text).find();
        double s = right ? -1 : 1;
        String side = right ? "right" : "left";
        String near = right ? "right_m" : "left_m";
        String diagonal = right ? "front_right_m" : "front_left_m";
        // At least the shipped kernel's min_safe_distance_m (0.15 m) plus the 4 cm the rules keep
        // below the gap as "too close".
        double gap = bounded(distance, 0.2, 0.19, 0.4, "the gap to the wall", notes);
        notes.add("the wall on the " + side);
        p.put("cruise_mps", Math.min(cruise, 0.15));
        p.put("wall_distance_m", gap);
        p.put("too_close_m", round(gap - 0.04));
        p.put("too_far_m", round(gap + 0.04));
        p.put("lost_wall_m", round(Math.max(0.5, gap + 0.3)));
        p.put("steer_radps", 0.6 * s);
        p.put("corner_radps", 1.6 * s);
        p.put("safe_distance_m", 0.2);
        p.put("critical_pct", 10.0);
        rules.add("if bumper == true then rotate(" + num(-1.57 * s) + ")");
        rules.add("if battery_pct < critical_pct then stop()");
        rules.add("if front_m < safe_distance_m then rotate(" + num(-1.57 * s) + ")");
        rules.add("if " + diagonal + " < too_close_m then twist(0.08, " + num(-1.0 * s) + ")");
        rules.add("if " + near + " > lost_wall_m then twist(0.06, corner_radps)");
        rules.add("if " + near + " < too_close_m then twist(cruise_mps, " + num(-0.6 * s) + ")");
        rules.add("if " + near + " > too_far_m then twist(cruise_mps, steer_radps)");
        rules.add("if always then forward(cruise_mps)");
        steps.add(
            "Keep the wall on your "
                + side
                + " at "
                + cm(gap)
                + ", steering back when closer or"
                + " farther than 4 cm from that.");
        steps.add("Wall ahead (inside corner): turn away from the wall 90 degrees.");
        steps.add("Wall gone on the " + side + " (outside corner, doorway): arc toward it.");
        steps.add("No wall at first: drive straight until one is ahead, then turn.");
      }
      case SEEK_OBJECT -> {
        String label = target(text, notes);
        target = Optional.of(label);
        p.put("approach_mps", Math.min(cruise, 0.15));
        p.put("slow_mps", 0.06);
        p.put("creep_mps", 0.05);
        p.put("arrive_m", 0.22);
        p.put("near_m", 0.5);
        p.put("bearing_tol_rad", 0.15);
        p.put("neg_tol_rad", -0.15);
        p.put("turn_radps", 0.8);
        p.put("turn_right_radps", -0.8);
        p.put("search_step_rad", 0.785);
        p.put("safe_distance_m", 0.2);
        p.put("backoff_mps", 0.08);
        p.put("rear_clear_m", 0.15);
        p.put("stuck_limit_s", 2.0);
        rules.add("if bumper == true and rear_m > rear_clear_m then backward(backoff_mps)");
        rules.add("if bumper == true then rotate(search_step_rad)");
        rules.add("if target_visible == true and target_distance_m < arrive_m then stop()");
        rules.add(
            "if stuck_s > stuck_limit_s and rear_m > rear_clear_m then backward(backoff_mps)");
        rules.add(
            "if target_visible == true and target_distance_m > near_m and (front_m <"
                + " safe_distance_m or front_left_m < safe_distance_m or front_right_m <"
                + " safe_distance_m) then plan_to_target()");
        rules.add(
            "if target_visible == true and target_bearing_rad > bearing_tol_rad then"
                + " twist(creep_mps, turn_radps)");
        rules.add(
            "if target_visible == true and target_bearing_rad < neg_tol_rad then"
                + " twist(creep_mps, turn_right_radps)");
        rules.add(
            "if target_visible == true and target_distance_m < near_m then forward(slow_mps)");
        rules.add("if target_visible == true then forward(approach_mps)");
        rules.add("if always then plan_to_target()");
        steps.add("Not in view: let the planner take you to where it was last seen, or explore.");
        steps.add("In view but off centre: turn toward it while creeping.");
        steps.add("Centred: approach, slowly under 50 cm; stop 22 cm in front. Do not touch it.");
        steps.add("Far away with an obstacle close ahead: plan around it.");
      }
      case PATROL -> {
        List<double[]> points = points(text, notes);
        p.put("cruise_mps", cruise);
        for (int i = 0; i < points.size(); i++) {
          p.put("point_" + (i + 1) + "_x_m", points.get(i)[0]);
          p.put("point_" + (i + 1) + "_y_m", points.get(i)[1]);
        }
        p.put("safe_distance_m", 0.2);
        p.put("open_m", 0.4);
        p.put("stuck_limit_s", 3.0);
        p.put("low_battery_pct", 25.0);
        p.put("critical_pct", 10.0);
        rules.add("if bumper == true then rotate(3.14)");
        rules.add("if battery_pct < critical_pct then stop()");
        rules.add("if front_m < safe_distance_m and front_left_m > open_m then rotate(0.785)");
        rules.add("if front_m < safe_distance_m then rotate(-0.785)");
        rules.add("if battery_pct < low_battery_pct then plan_home()");
        rules.add("if stuck_s > stuck_limit_s then rotate(1.57)");
        rules.add("if always then plan_to_waypoint()");
        steps.add(
            "Visit "
                + points.stream()
                    .map(pt -> "(" + num(pt[0]) + ", " + num(pt[1]) + ")")
                    .collect(Collectors.joining(", then "))
                + " (x, y in metres in the map frame), then start again; the points are the"
                + " point_N_x_m and point_N_y_m parameters, and `plan_to_waypoint()` plans to the"
                + " next one.");
        steps.add("Within 25 cm of a point it counts as reached; go on to the next.");
        steps.add("Obstacle closer than 20 cm ahead: turn toward the open side.");
        steps.add("Battery under 25 percent: go home.");
      }
      case RETURN_HOME -> {
        boolean dock = Pattern.compile("\\b(dock|charg)").matcher(text).find();
        p.put("cruise_mps", cruise);
        p.put("slow_mps", 0.08);
        p.put("near_home_m", 0.5);
        p.put("arrive_m", 0.1);
        p.put("bearing_tol_rad", 0.2);
        p.put("neg_tol_rad", -0.2);
        p.put("turn_radps", 1.0);
        p.put("turn_right_radps", -1.0);
        p.put("safe_distance_m", 0.2);
        p.put("open_m", 0.4);
        rules.add("if bumper == true then rotate(3.14)");
        rules.add("if home_distance_m < arrive_m then stop()");
        rules.add("if front_m < safe_distance_m and front_left_m > open_m then rotate(0.785)");
        rules.add("if front_m < safe_distance_m then rotate(-0.785)");
        rules.add(
            "if home_distance_m < near_home_m and home_bearing_rad > bearing_tol_rad then"
                + " twist(0.0, turn_radps)");
        rules.add(
            "if home_distance_m < near_home_m and home_bearing_rad < neg_tol_rad then"
                + " twist(0.0, turn_right_radps)");
        rules.add("if home_distance_m < near_home_m then forward(slow_mps)");
        rules.add("if always then plan_home()");
        steps.add("Far from home: `plan_home()` and follow the planned path.");
        steps.add("Within 50 cm: face home, then creep at 0.08 m/s.");
        steps.add(
            dock
                ? "Within 10 cm: stop and dock: line up on the dock, approach straight, confirm"
                    + " charging."
                : "Within 10 cm: stop.");
      }
      case FOLLOW_LINE -> {
        p.put("cruise_mps", Math.min(cruise, 0.12));
        p.put("slow_mps", 0.05);
        p.put("turn_radps", 1.5);
        p.put("turn_right_radps", -1.5);
        p.put("search_rad", 0.35);
        p.put("lost_limit_s", 3.0);
        p.put("safe_distance_m", 0.15);
        rules.add("if bumper == true then stop()");
        rules.add("if front_m < safe_distance_m then stop()");
        rules.add("if line_left == true and line_right == true then forward(cruise_mps)");
        rules.add("if line_left == true then twist(slow_mps, turn_radps)");
        rules.add("if line_right == true then twist(slow_mps, turn_right_radps)");
        rules.add("if stuck_s > lost_limit_s then stop()");
        rules.add("if always then rotate(search_rad)");
        steps.add("Both floor sensors on the line: go straight.");
        steps.add("Only one on the line: slow down and turn toward that side.");
        steps.add("Neither: rotate in small steps to find it; lost for 3 s: stop, end of line.");
        steps.add("Obstacle on the line closer than 15 cm: stop and wait.");
      }
      case STOP_WHEN_CLOSE -> {
        // Never under the shipped kernel's min_safe_distance_m (0.15 m).
        double stop = bounded(distance, 0.3, 0.15, 1.5, "the stopping distance", notes);
        p.put("cruise_mps", cruise);
        p.put("stop_distance_m", stop);
        p.put("critical_pct", 10.0);
        rules.add("if bumper == true then stop()");
        rules.add("if battery_pct < critical_pct then stop()");
        rules.add("if front_m < stop_distance_m then stop()");
        rules.add("if front_left_m < stop_distance_m then stop()");
        rules.add("if front_right_m < stop_distance_m then stop()");
        rules.add("if always then forward(cruise_mps)");
        steps.add("Drive straight ahead at " + speed(cruise) + ".");
        steps.add(
            "Anything closer than "
                + cm(stop)
                + " ahead or on a front diagonal: stop, and stay stopped while it is there.");
        steps.add("Bumper pressed or battery under 10 percent: stop.");
      }
    }
    return new Plan(b.goal(), target, p, rules, steps);
  }

  private static List<String> escapeRules() {
    return List.of(
        "if bumper == true and rear_m > 0.15 then backward(backoff_mps)",
        "if bumper == true then rotate(3.14)");
  }

  private static List<String> turnAwayRules() {
    return List.of(
        "if front_m < safe_distance_m and front_left_m > open_m then rotate(turn_rad)",
        "if front_m < safe_distance_m and front_right_m > open_m then rotate(-0.785)",
        "if front_m < safe_distance_m then rotate(3.14)");
  }

  /** The first distance with a unit in the description, in metres; speeds are not distances. */
  private static Optional<Double> distance(String text) {
    Matcher m = DISTANCE.matcher(SPEED.matcher(text).replaceAll(" "));
    if (!m.find()) {
      return Optional.empty();
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    double metres =
        unit.startsWith("c")
            ? value / 100
            : unit.startsWith("mm") || unit.startsWith("mil") ? value / 1000 : value;
    return Optional.of(round(metres));
  }

  private static double bounded(
      Optional<Double> given,
      double fallback,
      double min,
      double max,
      String what,
      List<String> notes)
      throws Unsupported {
    if (given.isEmpty()) {
      return fallback;
    }
    double d = given.get();
    if (d < min || d > max) {
      throw new Unsupported(
          what + " must be between " + cm(min) + " and " + cm(max) + ", was " + cm(d));
    }
    notes.add(what + " " + cm(d) + " from the description");
    return d;
  }

  private static double cruise(String text, List<String> notes) throws Unsupported {
    Matcher m = SPEED.matcher(text);
    if (m.find()) {
      double v = Double.parseDouble(m.group(1));
      if (v <= 0 || v > MAX_SPEED_MPS) {
        throw new Unsupported(
            "the speed must be above 0 and at most "
                + MAX_SPEED_MPS
                + " m/s (the safety limit), was "
                + m.group(1)
                + " m/s");
      }
      notes.add("speed " + speed(v) + " from the description");
      return v;
    }
    if (SLOW_WORDS.stream().anyMatch(w -> Behaviour.cuePattern(w).matcher(text).find())) {
      notes.add("slow: 0.1 m/s");
      return 0.1;
    }
    if (FAST_WORDS.stream().anyMatch(w -> Behaviour.cuePattern(w).matcher(text).find())) {
      notes.add("fast: 0.25 m/s, under the 0.3 m/s safety limit");
      return 0.25;
    }
    return 0.2;
  }

  private static String target(String text, List<String> notes) throws Unsupported {
    Set<String> labels = new TreeSet<>();
    TARGET_WORDS.forEach(
        (word, label) -> {
          if (Behaviour.cuePattern(word).matcher(text).find()) {
            labels.add(label);
          }
        });
    if (labels.size() > 1) {
      throw new Unsupported(
          "it names more than one object (" + String.join(", ", labels) + "); name one");
    }
    if (labels.size() == 1) {
      String label = labels.iterator().next();
      notes.add("target " + label);
      return label;
    }
    for (String colour : OTHER_COLOURS) {
      if (Pattern.compile("\\b" + colour + "\\b").matcher(text).find()) {
        throw new Unsupported(
            "no arena object is "
                + colour
                + "; the objects it can find are the red ball (red-ball), the yellow beacon"
                + " (yellow-beacon) and the dock (dock)");
      }
    }
    notes.add("no object named, so the default target red-ball");
    return "red-ball";
  }

  private static List<double[]> points(String text, List<String> notes) throws Unsupported {
    List<double[]> points = new ArrayList<>();
    Matcher m = POINT.matcher(text);
    while (m.find()) {
      double x = Double.parseDouble(m.group(1));
      double y = Double.parseDouble(m.group(2));
      if (x < 0 || y < 0 || x > 50 || y > 50) {
        throw new Unsupported(
            "patrol point (" + m.group(1) + ", " + m.group(2) + ") is outside 0 to 50 m");
      }
      points.add(new double[] {x, y});
    }
    if (points.size() == 1) {
      throw new Unsupported("a patrol needs at least two points, such as (1, 1) and (4, 3)");
    }
    if (points.size() > 8) {
      throw new Unsupported("a patrol has at most 8 points, got " + points.size());
    }
    if (points.isEmpty()) {
      notes.add("no points given as (x, y), so the default points (0.5, 0.5) and (2.5, 2.5)");
      return List.of(new double[] {0.5, 0.5}, new double[] {2.5, 2.5});
    }
    notes.add(points.size() + " patrol points from the description");
    return points;
  }

  private static Map<String, String> targetWords() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put("red", "red-ball");
    words.put("ball", "red-ball");
    words.put("yellow", "yellow-beacon");
    words.put("beacon", "yellow-beacon");
    words.put("dock", "dock");
    words.put("charg", "dock");
    return Map.copyOf(words);
  }

  private MarkdownDocument document(
      String name, String description, Behaviour b, List<String> skills, Plan r) {
    String said = description.replaceAll("\\s+", " ");
    if (said.length() > 200) {
      said = said.substring(0, 200) + "...";
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put(
        "description",
        "Robot agent composed offline from the request \""
            + said
            + "\": it will "
            + b.summary()
            + ". Use when a person wants the robot to "
            + b.summary()
            + ".");
    f.put("kind", "robot");
    f.put("version", 1);
    f.put("origin", "created");
    f.put("skills", skills);
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("goal", r.goal());
    r.target().ifPresent(t -> runtime.put("target", t));
    runtime.put("instinct", Map.of("mode", "rules"));
    runtime.put("planner", Map.of("mode", "classical"));
    runtime.put("params", r.params());
    runtime.put("rules", r.rules());
    f.put("runtime", runtime);
    return MarkdownDocument.of("agents/" + name + ".md", f, body(name, said, b, skills, r));
  }

  private static String body(String name, String said, Behaviour b, List<String> skills, Plan r) {
    StringBuilder out = new StringBuilder();
    out.append('\n')
        .append("You are ")
        .append(name)
        .append(", the driving mind of a small wheeled robot (8 cm cube, differential drive).\n")
        .append("You were composed offline from the request \"")
        .append(said)
        .append("\": your job is to ")
        .append(b.summary())
        .append(r.target().map(t -> ", the target being `" + t + "`").orElse(""))
        .append(".\n\n## Skills\n\nYou use the skills ")
        .append(skills.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
        .append("; read them for the details.\n\n## How to act\n\n");
    for (int i = 0; i < r.steps().size(); i++) {
      out.append(i + 1).append(". ").append(r.steps().get(i)).append('\n');
    }
    out.append(
        "\nThe rules in the runtime block encode this and run every tick; follow them unless\n"
            + "the camera shows something the range sensors miss, then stop or turn away and"
            + " say so.\n\n"
            + "## Output\n\n"
            + "Exactly one JSON object and nothing else:\n\n"
            + "{\"action\": \"stop\", \"args\": [], \"reason\": \"something close ahead\"}\n\n"
            + "Actions: `forward(speed_mps)`, `backward(speed_mps)`, `rotate(angle_rad)`,\n"
            + "`twist(v_mps, omega_radps)`, `stop()`, `set_led(r, g, b)`, `follow_plan()`,\n"
            + "`plan_to_frontier()`, `plan_to_target()`, `plan_home()`. Keep `reason` under 15"
            + " words.\n\n"
            + "## Safety\n\n"
            + "Never exceed 0.3 m/s on either wheel. The robot stops by itself at 0.05 m and"
            + " when\nthe host goes silent for 0.5 s; do not rely on that. When unsure, answer"
            + " `stop`.\n");
    return out.toString();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String num(double v) {
    double r = round(v);
    return r == Math.rint(r) ? String.format(Locale.ROOT, "%.1f", r) : Double.toString(r);
  }

  private static String cm(double metres) {
    return String.format(Locale.ROOT, "%.0f cm", metres * 100);
  }

  private static String speed(double mps) {
    return num(mps) + " m/s";
  }
}
