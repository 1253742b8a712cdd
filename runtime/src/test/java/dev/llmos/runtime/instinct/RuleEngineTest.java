package dev.llmos.runtime.instinct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.rules.Rule;
import dev.llmos.kernel.rules.RuleParser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  private static final Map<String, Double> PARAMS =
      Map.of("safe_m", 0.2, "cruise_mps", 0.25, "turn_rad", 0.785, "backoff_mps", 0.1);

  private static RuleEngine engine(String... rules) {
    return engine(PARAMS, rules);
  }

  private static RuleEngine engine(Map<String, Double> params, String... rules) {
    List<Rule> parsed =
        Arrays.stream(rules).map(r -> RuleParser.parse(r, PARAMS.keySet())).toList();
    return new RuleEngine(parsed, params);
  }

  private static Readings clear() {
    return Readings.builder()
        .flag(Reading.BUMPER, false)
        .number(Reading.FRONT_M, 1.0)
        .number(Reading.LEFT_M, 1.0)
        .build();
  }

  private static final String[] AVOIDER = {
    "if bumper == true then backward(backoff_mps)",
    "if front_m < safe_m and left_m > 0.4 then rotate(turn_rad)",
    "if front_m < safe_m then rotate(-0.785)",
    "if always then forward(cruise_mps)"
  };

  @Test
  void theFirstMatchingRuleWins() {
    RuleEngine e = engine(AVOIDER);

    Decision d =
        e.evaluate(
            Readings.builder()
                .flag(Reading.BUMPER, false)
                .number(Reading.FRONT_M, 0.1)
                .number(Reading.LEFT_M, 0.1)
                .build());

    assertThat(d.ruleIndex()).isEqualTo(2);
    assertThat(d.ruleText()).isEqualTo("if front_m < safe_m then rotate(-0.785)");
    assertThat(d.action()).hasValue(new ResolvedAction(ActionKind.ROTATE, List.of(-0.785)));
    assertThat(d.missing()).isEmpty();
    assertThat(d.matched()).isTrue();
  }

  @Test
  void anEarlierRuleShadowsALaterOne() {
    Decision d =
        engine(AVOIDER)
            .evaluate(
                Readings.builder()
                    .flag(Reading.BUMPER, true)
                    .number(Reading.FRONT_M, 0.1)
                    .number(Reading.LEFT_M, 1)
                    .build());

    assertThat(d.ruleIndex()).isEqualTo(0);
  }

  @Test
  void parametersAreSubstituted() {
    Decision d = engine(AVOIDER).evaluate(clear());

    assertThat(d.ruleIndex()).isEqualTo(3);
    assertThat(d.action()).hasValue(new ResolvedAction(ActionKind.FORWARD, List.of(0.25)));

    Decision tighter =
        engine(
                Map.of("safe_m", 2.0, "cruise_mps", 0.1, "turn_rad", 1.0, "backoff_mps", 0.1),
                AVOIDER)
            .evaluate(clear());
    assertThat(tighter.ruleIndex()).isEqualTo(1);
    assertThat(tighter.action()).hasValue(new ResolvedAction(ActionKind.ROTATE, List.of(1.0)));
  }

  @Test
  void aRuleWhoseReadingIsAbsentDoesNotApplyAndTheAbsenceIsReported() {
    Decision d = engine(AVOIDER).evaluate(Readings.builder().number(Reading.FRONT_M, 0.1).build());

    assertThat(d.ruleIndex()).isEqualTo(2);
    assertThat(d.missing()).containsExactlyInAnyOrder(Reading.BUMPER, Reading.LEFT_M);
  }

  @Test
  void noRuleApplyingIsADecisionWithoutAction() {
    Decision d =
        engine("if front_m < 0.2 then stop()", "if target_visible == true then plan_to_target()")
            .evaluate(Readings.builder().number(Reading.FRONT_M, 1).build());

    assertThat(d.matched()).isFalse();
    assertThat(d.ruleIndex()).isEqualTo(-1);
    assertThat(d.action()).isEmpty();
    assertThat(d.toCommand(0.1)).isEmpty();
    assertThat(d.missing()).containsExactly(Reading.TARGET_VISIBLE);
  }

  @Test
  void notOrAndParenthesesEvaluate() {
    RuleEngine e =
        engine(
            "if not (bumper == true or front_m < 0.2) and left_m >= 1 then stop()",
            "if always then plan_home()");

    assertThat(e.evaluate(clear()).ruleIndex()).isEqualTo(0);
    assertThat(
            e.evaluate(
                    Readings.builder()
                        .flag(Reading.BUMPER, true)
                        .number(Reading.FRONT_M, 1)
                        .number(Reading.LEFT_M, 1)
                        .build())
                .ruleIndex())
        .isEqualTo(1);
    assertThat(
            e.evaluate(
                    Readings.builder()
                        .flag(Reading.BUMPER, false)
                        .number(Reading.FRONT_M, 1)
                        .number(Reading.LEFT_M, 0.5)
                        .build())
                .ruleIndex())
        .isEqualTo(1);
  }

  @Test
  void readingsCompareWithReadingsAndConstantsOnEitherSide() {
    RuleEngine e =
        engine(
            "if 0.3 > front_m then stop()",
            "if left_m != front_m then rotate(1)",
            "if 1 == 1 then forward(0.1)");

    assertThat(e.evaluate(clear()).ruleIndex()).isEqualTo(2);
    assertThat(
            e.evaluate(
                    Readings.builder()
                        .number(Reading.FRONT_M, 0.5)
                        .number(Reading.LEFT_M, 1)
                        .build())
                .ruleIndex())
        .isEqualTo(1);
    assertThat(e.evaluate(Readings.builder().number(Reading.FRONT_M, 0.1).build()).ruleIndex())
        .isEqualTo(0);
  }

  @Test
  void aMatchWithNothingMissingAllocatesNoNewDecision() {
    RuleEngine e = engine(AVOIDER);
    Readings r = clear();

    assertThat(e.evaluate(r)).isSameAs(e.evaluate(r));
  }

  @Test
  void everyActionKindBecomesItsCommand() {
    double d = 0.5;
    assertThat(command("forward(0.2)", d)).isEqualTo(new Twist(0.2, 0, d));
    assertThat(command("backward(0.1)", d)).isEqualTo(new Twist(-0.1, 0, d));
    assertThat(command("rotate(-1.0)", d)).isEqualTo(new Rotate(-1.0, 2.0));
    assertThat(command("twist(0.1, -0.8)", d)).isEqualTo(new Twist(0.1, -0.8, d));
    assertThat(command("stop()", d)).isEqualTo(new Stop());
    assertThat(command("set_led(255, 0, 10)", d)).isEqualTo(new SetLed(255, 0, 10));
  }

  @Test
  void planActionsHaveNoCommandAndNeedThePlanner() {
    for (String a :
        List.of("follow_plan()", "plan_to_frontier()", "plan_to_target()", "plan_home()")) {
      Decision decision = engine("if always then " + a).evaluate(clear());

      assertThat(decision.needsPlanner()).as(a).isTrue();
      assertThat(decision.toCommand(0.1)).as(a).isEmpty();
    }
    assertThat(engine("if always then stop()").evaluate(clear()).needsPlanner()).isFalse();
  }

  @Test
  void aParameterMissingFromTheMapIsRefusedAtConstruction() {
    assertThatThrownBy(() -> engine(Map.of("safe_m", 0.2), "if always then forward(cruise_mps)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule 1 'if always then forward(cruise_mps)'")
        .hasMessageContaining("parameter 'cruise_mps'");
  }

  @Test
  void aNegativeSpeedParameterIsRefusedAtConstruction() {
    assertThatThrownBy(
            () ->
                engine(
                    Map.of("safe_m", 0.2, "cruise_mps", -0.2),
                    "if always then forward(cruise_mps)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forward takes a speed of 0 or more");
  }

  @Test
  void aDurationMustBePositive() {
    Decision d = engine("if always then forward(0.1)").evaluate(clear());

    assertThatThrownBy(() -> d.toCommand(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Object command(String action, double durationS) {
    return engine("if always then " + action).evaluate(clear()).toCommand(durationS).orElseThrow();
  }
}
