package dev.llmos.kernel.compose;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The robot behaviours the offline composer can write an agent for. Each has the words a person
 * uses for it (matched at word starts, so "bump" also catches "bumping"), the skill that the skill
 * search must find for it, and the skills an agent of this behaviour may list.
 */
public enum Behaviour {
  AVOID_OBSTACLES(
      "avoid walls and obstacles",
      "avoid_obstacles",
      "obstacle-avoidance",
      List.of("obstacle-avoidance", "safety-limits", "battery-care"),
      "obstacles",
      List.of(
          "avoid",
          "bump",
          "crash",
          "collid",
          "collision",
          "hit",
          "obstacle",
          "wander",
          "roam",
          "without touching",
          "keep away",
          "stay away",
          "keep clear",
          "stay clear",
          "don't touch",
          "never touch")),
  EXPLORE(
      "explore or map a room",
      "explore",
      "frontier-exploration",
      List.of(
          "frontier-exploration",
          "obstacle-avoidance",
          "return-home",
          "battery-care",
          "safety-limits"),
      "office",
      List.of(
          "explor",
          "map",
          "survey",
          "scout",
          "discover",
          "chart",
          "look around",
          "every corner",
          "everywhere",
          "whole room",
          "whole house")),
  FOLLOW_WALL(
      "follow a wall",
      "follow_wall",
      "wall-following",
      List.of("wall-following", "obstacle-avoidance", "safety-limits"),
      "maze",
      List.of(
          "hug",
          "along the wall",
          "alongside",
          "follow the wall",
          "follow a wall",
          "follow walls",
          "follow the walls",
          "wall follow",
          "trace the wall",
          "perimeter",
          "edge of the room",
          "skirt",
          "maze")),
  SEEK_OBJECT(
      "find or go to a coloured object (red ball, yellow beacon, dock)",
      "seek_object",
      "object-seeking",
      List.of(
          "object-seeking",
          "vision-grounding",
          "depth-estimation",
          "obstacle-avoidance",
          "frontier-exploration",
          "safety-limits"),
      "obstacles",
      List.of(
          "find",
          "seek",
          "search",
          "look for",
          "locate",
          "fetch",
          "go to",
          "drive to",
          "get to",
          "approach",
          "ball",
          "beacon")),
  PATROL(
      "patrol between points",
      "patrol",
      "patrol",
      List.of("patrol", "obstacle-avoidance", "return-home", "battery-care", "safety-limits"),
      "office",
      List.of(
          "patrol",
          "guard",
          "rounds",
          "back and forth",
          "to and fro",
          "night watch",
          "keep an eye",
          "monitor",
          "between")),
  RETURN_HOME(
      "return home or dock",
      "return_home",
      "return-home",
      List.of("return-home", "docking", "battery-care", "obstacle-avoidance", "safety-limits"),
      "obstacles",
      List.of(
          "home",
          "dock",
          "charg",
          "go back",
          "come back",
          "head back",
          "return",
          "base",
          "park",
          "where it started",
          "starting point")),
  FOLLOW_LINE(
      "follow a line on the floor",
      "follow_line",
      "line-following",
      List.of("line-following", "calibration", "safety-limits"),
      "line-track",
      List.of("line", "tape", "stripe", "painted track", "follow the track")),
  STOP_WHEN_CLOSE(
      "stop when something is close",
      "avoid_obstacles",
      "safety-limits",
      List.of("safety-limits", "obstacle-avoidance", "battery-care"),
      "obstacles",
      List.of(
          "stop if",
          "stop when",
          "stop before",
          "stop as soon",
          "stop once",
          "halt",
          "closer than",
          "within",
          "too close",
          "gets close",
          "gets near",
          "comes close"));

  private final String summary;
  private final String goal;
  private final String primarySkill;
  private final String skillNames;
  private final String arena;
  private final String cueList;

  // Lists joined into Strings because an enum's fields must be immutable and List is not.
  Behaviour(
      String summary,
      String goal,
      String primarySkill,
      List<String> skills,
      String arena,
      List<String> cues) {
    this.summary = summary;
    this.goal = goal;
    this.primarySkill = primarySkill;
    this.skillNames = String.join(",", skills);
    this.arena = arena;
    this.cueList = String.join("|", cues);
  }

  /** What it does, in the words the refusal message and the report use. */
  public String summary() {
    return summary;
  }

  /** The runtime goal its agents have. */
  public String goal() {
    return goal;
  }

  /** The skill the search must rank for a description to count as evidence for this behaviour. */
  public String primarySkill() {
    return primarySkill;
  }

  /** The skills an agent of this behaviour may list, most important first. */
  public List<String> skills() {
    return List.of(skillNames.split(","));
  }

  /** A shipped arena where its agents can be tried. */
  public String arena() {
    return arena;
  }

  /** The words and phrases a person uses for it, as written in a description. */
  public List<String> cues() {
    return List.of(cueList.split("\\|"));
  }

  /** A cue matches at the start of a word: "bump" matches "bumping" but not "rebump". */
  static Pattern cuePattern(String cue) {
    return Pattern.compile("\\b" + Pattern.quote(cue));
  }
}
