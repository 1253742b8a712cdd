package dev.llmos.sim.robot;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.link.LinkOptions;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.reflex.Reflex;
import dev.llmos.hal.robot.CommandResult;
import dev.llmos.hal.transport.Transports;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.world.RobotSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Command-to-acknowledgement round trip over real TCP to a simulated robot, through the whole host
 * stack (validator, encoder, retry bookkeeping) and the robot's (decoder, reflex, duplicate
 * filter), with the robot paced to real time so that a command waits for the next 100 Hz control
 * cycle as it does on the firmware. The bound is one control period: an answer within a cycle.
 */
public final class LinkBenchmark {
  private LinkBenchmark() {}

  /**
   * Round-trip figures.
   *
   * @param commands commands timed in each mode
   * @param medianMs median round trip, milliseconds
   * @param p99Ms 99th percentile, milliseconds
   */
  public record Result(int commands, double medianMs, double p99Ms) {
    /** The median round trip as a fraction of one control period (below 1: within a cycle). */
    public double perControlPeriod() {
      return medianMs / (Reflex.CONTROL_PERIOD_S * 1000);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "link: command-to-ack round trip over TCP, robot at real time (100 Hz loop), %d"
              + " commands%n"
              + "  median %.2f ms  p99 %.2f ms%n"
              + "  median round trip / control period = %.2f (goal <= 1: answered within a cycle)",
          commands,
          medianMs,
          p99Ms,
          perControlPeriod());
    }
  }

  public static Result run(Arena arena, SafetyLimits limits, int commands)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    if (commands < 1) {
      throw new IllegalArgumentException("time at least one command, got " + commands);
    }
    double[] millis = measure(arena, limits, commands);
    return new Result(commands, percentile(millis, 0.5), percentile(millis, 0.99));
  }

  private static double[] measure(Arena arena, SafetyLimits limits, int commands)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    try (Simulation sim =
        Simulation.of(arena, 1, 1, limits, RobotSpec.reference(8), Optional.empty())) {
      String address = sim.listenTcp("127.0.0.1", 0).get(0);
      sim.start(1.0);
      try (RobotLink robot =
          RobotLink.open(
              Transports.open(address, Duration.ofSeconds(2)),
              limits,
              Clock.systemUTC(),
              LinkOptions.forLimits(limits))) {
        int warmUp = Math.max(10, commands / 10);
        double[] millis = new double[commands];
        // A pause of random length between commands, so that they arrive at every phase of the
        // robot's control cycle instead of in step with it.
        SplittableRandom phase = new SplittableRandom(1);
        for (int i = -warmUp; i < commands; i++) {
          LockSupport.parkNanos(phase.nextLong(1, Math.round(Reflex.CONTROL_PERIOD_S * 1e9)));
          long start = System.nanoTime();
          CommandResult r = robot.send(new SetLed(i & 0xFF, 0, 0)).get(5, TimeUnit.SECONDS);
          long took = System.nanoTime() - start;
          if (!r.accepted()) {
            throw new IllegalStateException("the robot refused an LED command: " + r);
          }
          if (i >= 0) {
            millis[i] = took / 1e6;
          }
        }
        return millis;
      }
    }
  }

  private static double percentile(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    // The nearest-rank percentile: the smallest value with at least p of the values at or below.
    return v[Math.max(0, (int) Math.ceil(p * v.length) - 1)];
  }
}
