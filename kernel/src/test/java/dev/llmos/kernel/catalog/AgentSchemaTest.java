package dev.llmos.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.kernel.rules.Condition;
import dev.llmos.kernel.volume.CommitAuthor;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentSchemaTest {
  private static final String SOURCE = "user:agents/rover.md";
  private static final KernelSettings SETTINGS =
      new KernelSettings(1, CommitAuthor.DEFAULT, 262144, 1024);
  private static final Set<String> SKILLS = Set.of("obstacle-avoidance", "battery-care");

  /** A valid robot agent; line numbers below refer to it. */
  private static final String ROBOT =
      """
      ---
      name: rover
      description: Drives around a room without touching walls. Use when roaming.
      kind: robot
      version: 1
      origin: created
      skills:
        - obstacle-avoidance
        - battery-care
      runtime:
        goal: avoid_obstacles
        instinct: {mode: rules}
        planner: {mode: classical}
        params:
          cruise_mps: 0.2
        rules:
          - "if front_m < 0.2 then rotate(1.57)"
          - "if always then forward(cruise_mps)"
      ---

      You drive the rover.
      """;

  private static final String SPECIALIST =
      """
      ---
      name: rover
      description: Reviews agents for safety. Use before writing an agent.
      kind: specialist
      version: 2
      origin: evolved
      parent: rover@1
      tools: [read_agent]
      ---

      You review agents.
      """;

  @Test
  void aValidRobotAgentIsRead() {
    AgentSpec spec = read(ROBOT);

    assertThat(spec.name()).isEqualTo("rover");
    assertThat(spec.kind()).isEqualTo(AgentKind.ROBOT);
    assertThat(spec.version()).isEqualTo(1);
    assertThat(spec.origin()).isEqualTo(Origin.CREATED);
    assertThat(spec.parent()).isEmpty();
    assertThat(spec.skills()).containsExactly("obstacle-avoidance", "battery-care");
    assertThat(spec.path()).isEqualTo("agents/rover.md");
    assertThat(spec.volume()).isEqualTo(VolumeKind.USER);
    RobotRuntime runtime = spec.runtime().orElseThrow();
    assertThat(runtime.goal()).isEqualTo("avoid_obstacles");
    assertThat(runtime.instinctMode()).isEqualTo("rules");
    assertThat(runtime.plannerMode()).isEqualTo("classical");
    assertThat(runtime.params()).containsEntry("cruise_mps", 0.2);
    assertThat(runtime.rules()).hasSize(2);
  }

  @Test
  void aValidEvolvedSpecialistIsRead() {
    AgentSpec spec = read(SPECIALIST);

    assertThat(spec.kind()).isEqualTo(AgentKind.SPECIALIST);
    assertThat(spec.origin()).isEqualTo(Origin.EVOLVED);
    assertThat(spec.parent()).hasValue("rover@1");
    assertThat(spec.reference()).isEqualTo("rover@2");
    assertThat(spec.runtime()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Wall_Avoider",
        "-x",
        "x-",
        "a--b",
        "wall avoider",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void namesBreakingTheNamingRuleAreRefusedAtTheName(String name) {
    String text = ROBOT.replace("name: rover", "name: \"" + name + "\"");

    Problem p = onlyProblem(text, name);

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 2, 7));
    assertThat(p.message()).contains("'" + name + "'");
  }

  @Test
  void aSixtyFiveCharacterNameSaysHowLongItIs() {
    String name = "a".repeat(65);

    Problem p = onlyProblem(ROBOT.replace("name: rover", "name: " + name), name);

    assertThat(p.message()).contains("65 characters").contains("at most 64");
  }

  @Test
  void aSixtyFourCharacterNameIsAllowed() {
    String name = "a".repeat(64);

    AgentSpec spec = read(ROBOT.replace("name: rover", "name: " + name), name);

    assertThat(spec.name()).hasSize(64);
  }

  @Test
  void aNameThatDiffersFromTheFileIsRefused() {
    Problem p = onlyProblem(ROBOT.replace("name: rover", "name: wanderer"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 2, 7));
    assertThat(p.message()).isEqualTo("name 'wanderer' does not match the file name 'rover'");
  }

  @Test
  void anUnknownKindListsTheKinds() {
    Problem p = onlyProblem(ROBOT.replace("kind: robot", "kind: drone"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 4, 7));
    assertThat(p.message())
        .isEqualTo("field 'kind' must be one of [robot, orchestrator, specialist], got 'drone'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1.5", "two", "\"2\""})
  void aVersionThatIsNotAPositiveIntegerIsRefused(String version) {
    Problem p = onlyProblem(ROBOT.replace("version: 1", "version: " + version));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 5, 10));
    assertThat(p.message()).startsWith("field 'version' must be an integer from 1 to 1000000");
  }

  @Test
  void aCopiedAgentWithoutAParentIsRefusedAtItsOrigin() {
    Problem p = onlyProblem(ROBOT.replace("origin: created", "origin: copied"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 6, 9));
    assertThat(p.message()).contains("copied must name its parent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rover", "rover@0", "rover@x", "Rover@1", "rover@1@2", "@1"})
  void aMalformedParentIsRefused(String parent) {
    String text = SPECIALIST.replace("parent: rover@1", "parent: \"" + parent + "\"");

    Problem p = onlyProblem(text);

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 7, 9));
    assertThat(p.message()).contains("<name>@<version>").contains("'" + parent + "'");
  }

  @Test
  void aCreatedAgentWithAParentIsRefusedAtTheParent() {
    String text = ROBOT.replace("origin: created\n", "origin: created\nparent: rover@1\n");

    Problem p = onlyProblem(text);

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 7, 1));
    assertThat(p.message()).contains("a created agent has no parent");
  }

  @Test
  void anUnknownSkillPointsAtItsListItem() {
    Problem p = onlyProblem(ROBOT.replace("  - battery-care", "  - teleportation"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 9, 5));
    assertThat(p.message()).contains("skill 'teleportation' does not exist");
  }

  @Test
  void aRobotWithoutARuntimeIsRefused() {
    String text = ROBOT.substring(0, ROBOT.indexOf("runtime:")) + "---\n\nYou drive.\n";

    Problem p = onlyProblem(text);

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 2, 1));
    assertThat(p.message()).contains("a robot agent needs a 'runtime' block");
  }

  @Test
  void aNonRobotWithARuntimeIsRefusedAtTheRuntime() {
    Problem p = onlyProblem(ROBOT.replace("kind: robot", "kind: specialist"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 10, 1));
    assertThat(p.message()).contains("only robot agents have a 'runtime' block");
  }

  @Test
  void anUnknownGoalListsTheGoals() {
    Problem p = onlyProblem(ROBOT.replace("goal: avoid_obstacles", "goal: dance"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 11, 9));
    assertThat(p.message())
        .startsWith("field 'goal' must be one of [avoid_obstacles")
        .contains("'dance'");
  }

  @Test
  void anUnknownInstinctModeIsRefused() {
    Problem p = onlyProblem(ROBOT.replace("{mode: rules}", "{mode: magic}"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 12, 20));
    assertThat(p.message()).isEqualTo("field 'mode' must be one of [rules, vlm], got 'magic'");
  }

  @Test
  void anUnknownPlannerModeIsRefused() {
    Problem p = onlyProblem(ROBOT.replace("{mode: classical}", "{mode: oracle}"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 13, 19));
    assertThat(p.message()).isEqualTo("field 'mode' must be one of [classical, rsa], got 'oracle'");
  }

  @Test
  void aPresetWithoutRsaIsRefusedAtThePreset() {
    Problem p = onlyProblem(ROBOT.replace("{mode: classical}", "{mode: classical, preset: deep}"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 13, 30));
    assertThat(p.message()).isEqualTo("a planner preset applies only with mode 'rsa'");
  }

  @Test
  void aPresetWithRsaIsAccepted() {
    AgentSpec spec = read(ROBOT.replace("{mode: classical}", "{mode: rsa, preset: deep}"));

    assertThat(spec.runtime().orElseThrow().plannerPreset()).hasValue("deep");
  }

  @Test
  void aRuleNotShapedIfThenPointsAtItsItemWithTheColumnInTheRule() {
    Problem p =
        onlyProblem(
            ROBOT.replace(
                "\"if front_m < 0.2 then rotate(1.57)\"", "\"when front_m < 0.2 rotate(1.57)\""));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 17, 7));
    assertThat(p.message())
        .isEqualTo(
            "rule 1 'when front_m < 0.2 rotate(1.57)', column 1: a rule starts with 'if', got"
                + " 'when'");
  }

  @Test
  void aRuleWithAnUnknownParameterNamesTheItemAndTheNearestName() {
    Problem p =
        onlyProblem(
            ROBOT.replace(
                "if always then forward(cruise_mps)", "if always then forward(crus_mps)"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 18, 7));
    assertThat(p.message())
        .startsWith(
            "rule 2 'if always then forward(crus_mps)', column 24: unknown name 'crus_mps': did"
                + " you mean 'cruise_mps'?")
        .endsWith("; params: cruise_mps");
  }

  @Test
  void aRuleComparingABooleanWithLessThanIsRefused() {
    Problem p = onlyProblem(ROBOT.replace("front_m < 0.2", "bumper < true"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 17, 7));
    assertThat(p.message()).contains("column 11: '<' orders numbers; 'bumper' is a boolean");
  }

  @Test
  void everyBadRuleIsReportedAtOnce() {
    InvalidDocumentException e =
        refuse(
            ROBOT
                .replace("rotate(1.57)", "spin(1.57)")
                .replace("forward(cruise_mps)", "forward(cruise_mps, 1)"),
            "rover");

    assertThat(e.problems())
        .extracting(Problem::where)
        .containsExactly(new SourceLocation(SOURCE, 17, 7), new SourceLocation(SOURCE, 18, 7));
    assertThat(e.problems().get(0).message()).contains("unknown action 'spin'");
    assertThat(e.problems().get(1).message())
        .contains("column 16: forward(v_mps) takes 1 argument, got 2");
  }

  @Test
  void theLastRuleMustBeAlways() {
    Problem p = onlyProblem(ROBOT.replace("if always then", "if front_m > 1 then"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 18, 7));
    assertThat(p.message())
        .isEqualTo(
            "the last rule must be 'if always then <action>' so that every tick has an action");
  }

  @Test
  void aParameterNamedAsAReadingIsRefused() {
    Problem p = onlyProblem(ROBOT.replace("cruise_mps: 0.2", "cruise_mps: 0.2\n    front_m: 1"));

    assertThat(p.where().line()).isEqualTo(16);
    assertThat(p.message()).contains("parameter 'front_m' has the name of a reading");
  }

  @Test
  void theRulesAreParsed() {
    RobotRuntime runtime = read(ROBOT).runtime().orElseThrow();

    assertThat(runtime.rules().get(0).action().kind()).isEqualTo(ActionKind.ROTATE);
    assertThat(runtime.rules().get(1).condition()).isInstanceOf(Condition.Always.class);
    assertThat(runtime.rules().get(1).text()).isEqualTo("if always then forward(cruise_mps)");
  }

  @Test
  void aDescriptionLongerThanTheKernelLimitIsRefused() {
    String longer = "d".repeat(1025);

    Problem p =
        onlyProblem(ROBOT.replaceFirst("description: .*\n", "description: " + longer + "\n"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 3, 14));
    assertThat(p.message())
        .isEqualTo(
            "field 'description' is 1025 characters; at most 1024 are allowed"
                + " (kernel config documents.max_description_chars)");
  }

  @Test
  void anEmptyBodyIsRefusedAtTheLineWhereTheBodyStarts() {
    String text = ROBOT.substring(0, ROBOT.lastIndexOf("---\n") + 4) + "\n   \n";

    Problem p = onlyProblem(text);

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 20, 0));
    assertThat(p.message()).contains("the agent has no body");
  }

  @Test
  void anUnknownKeyIsRefused() {
    Problem p = onlyProblem(ROBOT.replace("version: 1\n", "version: 1\nauthor: me\n"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 6, 1));
    assertThat(p.message()).startsWith("unknown key 'author'");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    Problem p = onlyProblem(ROBOT.replace("kind: robot\n", ""));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 2, 1));
    assertThat(p.message()).isEqualTo("missing required field 'kind'");
  }

  @Test
  void everyProblemOfAnAgentIsReportedAtOnce() {
    String text =
        ROBOT
            .replace("kind: robot", "kind: robot\nextra: 1")
            .replace("version: 1", "version: zero")
            .replace("goal: avoid_obstacles", "goal: dance")
            .replace("  - battery-care", "  - teleportation");

    InvalidDocumentException e = refuse(text, "rover");

    assertThat(e.problems())
        .extracting(Problem::message)
        .hasSize(4)
        .anySatisfy(m -> assertThat(m).startsWith("unknown key 'extra'"))
        .anySatisfy(m -> assertThat(m).startsWith("field 'version'"))
        .anySatisfy(m -> assertThat(m).startsWith("field 'goal'"))
        .anySatisfy(m -> assertThat(m).startsWith("skill 'teleportation'"));
  }

  private static AgentSpec read(String text) {
    return read(text, "rover");
  }

  private static AgentSpec read(String text, String expectedName) {
    return AgentSchema.read(
        MarkdownDocument.parse(SOURCE, text), expectedName, VolumeKind.USER, SKILLS, SETTINGS);
  }

  private static InvalidDocumentException refuse(String text, String expectedName) {
    InvalidDocumentException e =
        catchThrowableOfType(InvalidDocumentException.class, () -> read(text, expectedName));
    assertThat(e).as("the agent is refused").isNotNull();
    return e;
  }

  private static Problem onlyProblem(String text) {
    return onlyProblem(text, "rover");
  }

  private static Problem onlyProblem(String text, String expectedName) {
    List<Problem> problems = refuse(text, expectedName).problems();
    assertThat(problems).as(problems.toString()).hasSize(1);
    return problems.get(0);
  }
}
