package dev.llmos.runtime.instinct;

import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.rules.Rule;
import dev.llmos.kernel.rules.RuleParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How fast the compiled rules decide: a wall-avoider's eleven rules evaluated on seeded random
 * readings (every reading present, so ticks allocate nothing), against the 10 ms control period
 * they must fit in.
 */
public final class InstinctBenchmark {
  private static final double CONTROL_PERIOD_S = 0.01;
  private static final Map<String, Double> PARAMS =
      Map.of(
          "cruise_mps", 0.2,
          "safe_distance_m", 0.2,
          "open_m", 0.4,
          "turn_rad", 0.785,
          "backoff_mps", 0.1,
          "stuck_limit_s", 2.0,
          "critical_pct", 10.0);
  private static final List<String> RULES =
      List.of(
          "if bumper == true and rear_m > 0.15 then backward(backoff_mps)",
          "if bumper == true then rotate(3.14)",
          "if battery_pct < critical_pct then stop()",
          "if stuck_s > stuck_limit_s and rear_m > 0.15 then backward(backoff_mps)",
          "if stuck_s > stuck_limit_s then rotate(1.57)",
          "if front_m < safe_distance_m and front_left_m > open_m then rotate(turn_rad)",
          "if front_m < safe_distance_m and front_right_m > open_m then rotate(-0.785)",
          "if front_m < safe_distance_m then rotate(3.14)",
          "if front_left_m < safe_distance_m then twist(0.1, -0.8)",
          "if front_right_m < safe_distance_m then twist(0.1, 0.8)",
          "if always then forward(cruise_mps)");

  private InstinctBenchmark() {}

  /**
   * Evaluation figures.
   *
   * @param rules rules in the set
   * @param evaluations decisions timed
   * @param nanosPerEvaluation mean time of one decision, ns
   */
  public record Result(int rules, int evaluations, double nanosPerEvaluation) {
    /** How many decisions fit in one control period. */
    public double perControlPeriod() {
      return CONTROL_PERIOD_S * 1e9 / nanosPerEvaluation;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "instinct: %d rules, %d decisions on seeded random readings%n"
              + "  %.0f ns per decision; control period / decision time = %.0f",
          rules,
          evaluations,
          nanosPerEvaluation,
          perControlPeriod());
    }
  }

  public static Result run(int evaluations, long seed) {
    if (evaluations < 1) {
      throw new IllegalArgumentException("time at least one evaluation, got " + evaluations);
    }
    List<Rule> rules = RULES.stream().map(r -> RuleParser.parse(r, PARAMS.keySet())).toList();
    RuleEngine engine = new RuleEngine(rules, PARAMS);
    SplittableRandom random = new SplittableRandom(seed);
    Readings[] ticks = new Readings[1024];
    for (int i = 0; i < ticks.length; i++) {
      Readings.Builder b = Readings.builder();
      for (Reading r : Reading.values()) {
        switch (r.type()) {
          case BOOLEAN -> b.flag(r, random.nextInt(20) == 0);
          case NUMBER -> b.number(r, random.nextDouble(0, 3));
        }
      }
      b.number(Reading.BATTERY_PCT, random.nextDouble(5, 100));
      ticks[i] = b.build();
    }
    int warmup = Math.min(evaluations, 200_000);
    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += engine.evaluate(ticks[i % ticks.length]).ruleIndex();
    }
    long start = System.nanoTime();
    for (int i = 0; i < evaluations; i++) {
      sink += engine.evaluate(ticks[i % ticks.length]).ruleIndex();
    }
    long elapsed = System.nanoTime() - start;
    if (sink == Long.MIN_VALUE) {
      // Keeps the decisions observable so the JIT cannot drop the loop.
      throw new AssertionError(sink);
    }
    return new Result(rules.size(), evaluations, (double) elapsed / evaluations);
  }
}
