package dev.llmos.sim.robot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.hal.command.Twist;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.sim.world.RobotSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The same arena, seed and commands give the same run, through the whole protocol stack: a host
 * link, the validator, the robot's reflex and the physics, stepped in lockstep.
 */
class LockstepDeterminismTest {
  private static final int TICKS = 100;
  private static final int CYCLES_PER_TICK = 10;

  @Test
  void theSameSeedAndCommandsGiveTheSameTelemetry() throws Exception {
    List<Telemetry> first = run(21);
    List<Telemetry> second = run(21);
    assertThat(second).isEqualTo(first);
    assertThat(first)
        .as("the robot went somewhere")
        .anyMatch(t -> t.pose().translation().distanceTo(first.get(0).pose().translation()) > 0.2);
    assertThat(run(22)).as("another seed gives other sensor noise").isNotEqualTo(first);
  }

  /**
   * A wandering drive, always bending left so that it never oscillates: a new twist every 100 ms,
   * from its own seeded stream.
   */
  private static List<Telemetry> run(long seed) throws Exception {
    try (Simulation sim =
        Simulation.of(
            RobotHarness.openRoom(),
            1,
            seed,
            RobotHarness.LIMITS,
            RobotSpec.reference(8),
            Optional.empty())) {
      sim.runFor(0.1);
      List<Telemetry> seen = new ArrayList<>();
      SplittableRandom commands = new SplittableRandom(99);
      try (RobotLink link = sim.openLockstepLink("robot-1", RobotHarness.LIMITS, sim.clock())) {
        for (int tick = 0; tick < TICKS; tick++) {
          double expected = sim.timeS() - 0.02;
          Telemetry now = RobotHarness.telemetryAfter(link, expected);
          seen.add(now);
          RobotHarness.sendUnrefused(
              link, new Twist(commands.nextDouble(0.05, 0.25), commands.nextDouble(0.1, 1.0), 0.3));
          for (int c = 0; c < CYCLES_PER_TICK; c++) {
            sim.cycle();
          }
        }
      }
      return seen;
    }
  }
}
