package dev.llmos.kernel.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmos.kernel.rules.Condition.Always;
import dev.llmos.kernel.rules.Condition.And;
import dev.llmos.kernel.rules.Condition.Comparison;
import dev.llmos.kernel.rules.Condition.Not;
import dev.llmos.kernel.rules.Condition.Or;
import dev.llmos.kernel.rules.Operand.BooleanLiteral;
import dev.llmos.kernel.rules.Operand.NumberLiteral;
import dev.llmos.kernel.rules.Operand.Param;
import dev.llmos.kernel.rules.Operand.ReadingValue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {
  private static final Set<String> PARAMS = Set.of("safe_m", "cruise_mps", "red");

  private static Rule parse(String text) {
    return RuleParser.parse(text, PARAMS);
  }

  private static Comparison cmp(Reading r, Operator op, Operand right) {
    return new Comparison(new ReadingValue(r), op, right);
  }

  private static RuleSyntaxException refuse(String text) {
    RuleSyntaxException e = catchThrowableOfType(RuleSyntaxException.class, () -> parse(text));
    assertThat(e).as("'%s' should be refused", text).isNotNull();
    return e;
  }

  @Test
  void alwaysAndANoArgumentAction() {
    Rule r = parse("if always then stop()");

    assertThat(r.condition()).isEqualTo(new Always());
    assertThat(r.action()).isEqualTo(new Action(ActionKind.STOP, List.of()));
    assertThat(r.text()).isEqualTo("if always then stop()");
    assertThat(r).hasToString("if always then stop()");
  }

  @Test
  void planToWaypointIsAPlanActionWithoutArguments() {
    Rule r = parse("if always then plan_to_waypoint()");

    assertThat(r.action()).isEqualTo(new Action(ActionKind.PLAN_TO_WAYPOINT, List.of()));
    assertThat(r.action().kind().needsPlanner()).isTrue();
    assertThat(refuse("if always then plan_to_waypoint(1)").getMessage())
        .contains("plan_to_waypoint");
  }

  @ParameterizedTest
  @CsvSource({
    "<, LESS",
    "<=, LESS_OR_EQUAL",
    ">, GREATER",
    ">=, GREATER_OR_EQUAL",
    "==, EQUAL",
    "!=, NOT_EQUAL"
  })
  void everyOperator(String symbol, Operator operator) {
    Rule r = parse("if front_m " + symbol + " safe_m then rotate(1.57)");

    assertThat(r.condition()).isEqualTo(cmp(Reading.FRONT_M, operator, new Param("safe_m")));
  }

  @Test
  void operandsOfEveryKindOnEitherSide() {
    assertThat(parse("if 0.5 > left_m then stop()").condition())
        .isEqualTo(
            new Comparison(
                new NumberLiteral(0.5), Operator.GREATER, new ReadingValue(Reading.LEFT_M)));
    assertThat(parse("if bumper == false then stop()").condition())
        .isEqualTo(cmp(Reading.BUMPER, Operator.EQUAL, new BooleanLiteral(false)));
    assertThat(parse("if true != line_left then stop()").condition())
        .isEqualTo(
            new Comparison(
                new BooleanLiteral(true), Operator.NOT_EQUAL, new ReadingValue(Reading.LINE_LEFT)));
    assertThat(parse("if target_bearing_rad < -0.15 then stop()").condition())
        .isEqualTo(cmp(Reading.TARGET_BEARING_RAD, Operator.LESS, new NumberLiteral(-0.15)));
  }

  @Test
  void andBindsTighterThanOr() {
    Rule r = parse("if bumper == true or front_m < 1 and left_m < 2 then stop()");

    assertThat(r.condition())
        .isEqualTo(
            new Or(
                cmp(Reading.BUMPER, Operator.EQUAL, new BooleanLiteral(true)),
                new And(
                    cmp(Reading.FRONT_M, Operator.LESS, new NumberLiteral(1)),
                    cmp(Reading.LEFT_M, Operator.LESS, new NumberLiteral(2)))));
  }

  @Test
  void notBindsTighterThanAnd() {
    Rule r = parse("if not bumper == true and front_m < 1 then stop()");

    assertThat(r.condition())
        .isEqualTo(
            new And(
                new Not(cmp(Reading.BUMPER, Operator.EQUAL, new BooleanLiteral(true))),
                cmp(Reading.FRONT_M, Operator.LESS, new NumberLiteral(1))));
  }

  @Test
  void parenthesesGroup() {
    Rule r = parse("if not (bumper == true or front_m < 1) and always then stop()");

    assertThat(r.condition())
        .isEqualTo(
            new And(
                new Not(
                    new Or(
                        cmp(Reading.BUMPER, Operator.EQUAL, new BooleanLiteral(true)),
                        cmp(Reading.FRONT_M, Operator.LESS, new NumberLiteral(1)))),
                new Always()));
  }

  @Test
  void andAndOrAssociateToTheLeft() {
    Comparison a = cmp(Reading.FRONT_M, Operator.LESS, new NumberLiteral(1));
    Comparison b = cmp(Reading.LEFT_M, Operator.LESS, new NumberLiteral(1));
    Comparison c = cmp(Reading.RIGHT_M, Operator.LESS, new NumberLiteral(1));

    assertThat(parse("if front_m < 1 or left_m < 1 or right_m < 1 then stop()").condition())
        .isEqualTo(new Or(new Or(a, b), c));
    assertThat(parse("if front_m < 1 and left_m < 1 and right_m < 1 then stop()").condition())
        .isEqualTo(new And(new And(a, b), c));
  }

  @Test
  void actionsTakeNumbersAndParameters() {
    assertThat(parse("if always then twist(0.1, -0.8)").action())
        .isEqualTo(
            new Action(ActionKind.TWIST, List.of(new NumberLiteral(0.1), new NumberLiteral(-0.8))));
    assertThat(parse("if always then forward(cruise_mps)").action())
        .isEqualTo(new Action(ActionKind.FORWARD, List.of(new Param("cruise_mps"))));
    assertThat(parse("if always then set_led(red, 0, 255)").action())
        .isEqualTo(
            new Action(
                ActionKind.SET_LED,
                List.of(new Param("red"), new NumberLiteral(0), new NumberLiteral(255))));
    assertThat(parse("if always then backward(0.1)").action().kind())
        .isEqualTo(ActionKind.BACKWARD);
    assertThat(parse("if always then plan_to_target()").action().kind())
        .isEqualTo(ActionKind.PLAN_TO_TARGET);
  }

  @Test
  void spacingDoesNotMatter() {
    assertThat(parse("if(front_m<safe_m)then rotate( 1 ,)".replace(" ,)", ")")))
        .extracting(Rule::condition)
        .isEqualTo(cmp(Reading.FRONT_M, Operator.LESS, new Param("safe_m")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "when front_m < 1 then stop()|1|a rule starts with 'if', got 'when'",
        "if front_m < 1 stop()|16|expected 'and', 'or' or 'then', got 'stop'",
        "if frnt_m < 1 then stop()|4|unknown name 'frnt_m': did you mean 'front_m'?",
        "if front_m < saf_m then stop()|14|unknown name 'saf_m': did you mean 'safe_m'?",
        "if front_m < 1 then spin(1)|21|unknown action 'spin'",
        "if front_m < 1 then rotat(1)|21|unknown action 'rotat': did you mean 'rotate'?",
        "if front_m < 1 then twist(1)|21|twist(v_mps, omega_radps) takes 2 arguments, got 1",
        "if front_m < 1 then stop(1)|21|stop() takes 0 arguments, got 1",
        "if bumper < true then stop()|11|'<' orders numbers; 'bumper' is a boolean: use == or !=",
        "if bumper == 1 then stop()|11|cannot compare 'bumper' (a boolean) with '1' (a number)",
        "if front_m < 1 then stop() now|28|unexpected 'now' after the action",
        "if front_m < 1 then stop() )|28|unexpected ')' after the action",
        "if front_m then stop()|12|expected a comparison (<, <=, >, >=, ==, !=) after 'front_m'",
        "if front_m = 1 then stop()|12|'=' is not an operator; equality is '==', inequality '!='",
        "if front_m < 1 # then stop()|16|unexpected character '#'",
        "if (front_m < 1 then stop()|17|expected ')' to close the '(' at column 4",
        "if front_m < then stop()|14|'then' cannot stand in the right side of '<'",
        "if always then forward(front_m)|24|reading 'front_m' cannot be one",
        "if always then forward(true)|24|an argument is a number or a parameter, got 'true'",
        "if always then set_led(256, 0, 0)|24|a colour channel is a whole number from 0 to 255",
        "if always then set_led(0.5, 0, 0)|24|a colour channel is a whole number from 0 to 255",
        "if always then forward(1 2)|26|expected ',' or ')' in the arguments of 'forward'",
        "if always then forward|23|expected '(' after 'forward', got the end of the rule",
        "if always then|15|expected an action after 'then', got the end of the rule",
        "if always then (|16|expected an action after 'then', got '('",
        "if|3|expected a reading, a parameter, a number, 'true' or 'false' in a condition",
      })
  void everyErrorNamesItsColumn(String text, int column, String reason) {
    RuleSyntaxException e = refuse(text);

    assertThat(e.column()).isEqualTo(column);
    assertThat(e.reason()).contains(reason);
    assertThat(e).hasMessageStartingWith("column " + column + ": ");
  }

  @Test
  void anUnknownNameListsTheReadingsAndParameters() {
    RuleSyntaxException e = refuse("if nothing_like_it > 1 then stop()");

    assertThat(e.reason())
        .doesNotContain("did you mean")
        .contains("readings: ")
        .contains("front_m")
        .contains("target_visible")
        .endsWith("params: cruise_mps, red, safe_m");
  }

  @Test
  void everyReadingHasALowerSnakeKeyAndIsFoundByIt() {
    for (Reading r : Reading.values()) {
      assertThat(r.key()).matches("[a-z][a-z0-9_]*");
      assertThat(Reading.byKey(r.key())).hasValue(r);
      assertThat(RuleParser.KEYWORDS).doesNotContain(r.key());
    }
    assertThat(Reading.values().length).isLessThanOrEqualTo(64);
  }

  @Test
  void numberReadingsEndWithAUnit() {
    for (Reading r : Reading.values()) {
      if (r.type() == ValueType.NUMBER) {
        assertThat(r.key()).matches(".*_(m|s|pct|rad|mps|radps)");
      }
    }
  }
}
