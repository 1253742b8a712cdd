package dev.llmos.runtime.instinct;

import dev.llmos.kernel.rules.Action;
import dev.llmos.kernel.rules.Condition;
import dev.llmos.kernel.rules.Operand;
import dev.llmos.kernel.rules.Operator;
import dev.llmos.kernel.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates an agent's rules each tick: the first rule that applies decides. The rules are compiled
 * once into a tree of small closures over reading slots, with parameters folded into constants, so
 * that a tick allocates nothing unless a reading is missing.
 */
public final class RuleEngine {
  /** A compiled condition over the readings array. */
  private interface Test {
    boolean test(double[] values);
  }

  private final Test[] tests;
  private final long[] neededMasks;
  private final Decision[] decisions;

  /**
   * Compiles rules.
   *
   * @param params the agent's parameters; every parameter a rule names must be here
   * @throws IllegalArgumentException naming the rule and the parameter when one is missing, or when
   *     an action's resolved arguments are out of range
   */
  public RuleEngine(List<Rule> rules, Map<String, Double> params) {
    int n = rules.size();
    tests = new Test[n];
    neededMasks = new long[n];
    decisions = new Decision[n];
    for (int i = 0; i < n; i++) {
      Rule rule = rules.get(i);
      Compiler compiler = new Compiler(Map.copyOf(params), i, rule.text());
      tests[i] = compiler.condition(rule.condition());
      neededMasks[i] = compiler.neededMask;
      decisions[i] =
          new Decision(i, rule.text(), Optional.of(compiler.action(rule.action())), Set.of());
    }
  }

  /** The first rule that applies to these readings, with what earlier rules lacked. */
  public Decision evaluate(Readings readings) {
    double[] values = readings.values();
    long present = readings.presentMask();
    long missing = 0;
    for (int i = 0; i < tests.length; i++) {
      long lacking = neededMasks[i] & ~present;
      if (lacking != 0) {
        missing |= lacking;
      } else if (tests[i].test(values)) {
        Decision d = decisions[i];
        return missing == 0
            ? d
            : new Decision(i, d.ruleText(), d.action(), Readings.setOf(missing));
      }
    }
    return Decision.none(Readings.setOf(missing));
  }

  /** Turns one rule's AST into closures, noting the readings it needs. */
  private static final class Compiler {
    private final Map<String, Double> params;
    private final int index;
    private final String text;
    private long neededMask;

    Compiler(Map<String, Double> params, int index, String text) {
      this.params = params;
      this.index = index;
      this.text = text;
    }

    Test condition(Condition c) {
      if (c instanceof Condition.Always) {
        return v -> true;
      }
      if (c instanceof Condition.Not not) {
        Test inner = condition(not.operand());
        return v -> !inner.test(v);
      }
      if (c instanceof Condition.And and) {
        Test left = condition(and.left());
        Test right = condition(and.right());
        return v -> left.test(v) && right.test(v);
      }
      if (c instanceof Condition.Or or) {
        Test left = condition(or.left());
        Test right = condition(or.right());
        return v -> left.test(v) || right.test(v);
      }
      Condition.Comparison cmp = (Condition.Comparison) c;
      return comparison(cmp.left(), cmp.operator(), cmp.right());
    }

    private Test comparison(Operand left, Operator op, Operand right) {
      int leftSlot = slot(left);
      int rightSlot = slot(right);
      // Most rules compare a reading with a constant; give that shape its own closure.
      if (leftSlot >= 0 && rightSlot < 0) {
        double c = constant(right);
        return v -> op.test(v[leftSlot], c);
      }
      if (leftSlot < 0 && rightSlot >= 0) {
        double c = constant(left);
        return v -> op.test(c, v[rightSlot]);
      }
      if (leftSlot >= 0) {
        return v -> op.test(v[leftSlot], v[rightSlot]);
      }
      boolean result = op.test(constant(left), constant(right));
      return v -> result;
    }

    /** The readings-array slot of a reading operand, or -1 for a constant. */
    private int slot(Operand o) {
      if (o instanceof Operand.ReadingValue r) {
        neededMask |= Readings.bit(r.reading());
        return Readings.slot(r.reading());
      }
      return -1;
    }

    private double constant(Operand o) {
      if (o instanceof Operand.NumberLiteral n) {
        return n.value();
      }
      if (o instanceof Operand.BooleanLiteral b) {
        return b.value() ? 1 : 0;
      }
      String name = ((Operand.Param) o).name();
      Double value = params.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            "rule "
                + (index + 1)
                + " '"
                + text
                + "' names parameter '"
                + name
                + "', which is not among the params "
                + params.keySet());
      }
      return value;
    }

    ResolvedAction action(Action a) {
      List<Double> values = new ArrayList<>();
      for (Operand o : a.arguments()) {
        values.add(constant(o));
      }
      try {
        return new ResolvedAction(a.kind(), values);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "rule " + (index + 1) + " '" + text + "': " + e.getMessage(), e);
      }
    }
  }
}
