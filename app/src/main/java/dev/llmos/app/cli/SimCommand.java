package dev.llmos.app.cli;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.robot.Simulation;
import dev.llmos.sim.world.RobotSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmos sim}: simulated robots that a host reaches over TCP exactly like real ones. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Start simulated robots in an arena, each listening on TCP like an ESP32 on WiFi.",
      "Connect with `llmos robot connect tcp://HOST:PORT`. Stops on Ctrl-C or after --duration."
    })
final class SimCommand implements Callable<Integer> {
  /**
   * The fastest a simulation served to hosts may run. The robots' watchdog counts simulated time
   * and hosts send heartbeats on wall time, five per timeout; at twice real time two and a half
   * still arrive within each timeout, faster and jitter trips the watchdog.
   */
  static final double MAX_SPEED = 2.0;

  @Spec private CommandSpec spec;

  @Option(
      names = "--arena",
      defaultValue = "empty-room",
      description =
          "A shipped arena (`llmos arenas list`) or a .yaml/.map file (default: ${DEFAULT-VALUE}).")
  private String arena;

  @Option(
      names = "--robots",
      defaultValue = "1",
      description = "How many robots (default: ${DEFAULT-VALUE}).")
  private int robots;

  @Option(
      names = "--port",
      defaultValue = "7600",
      description =
          "TCP port of the first robot; robot N listens on PORT+N-1; 0 picks free ports"
              + " (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on; 0.0.0.0 for other machines too (default: ${DEFAULT-VALUE}).")
  private String bind;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the sensor noise (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description =
          "Simulated seconds per real second; 1 is real time (default: ${DEFAULT-VALUE}).")
  private double speed;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description = "Stop after this many real seconds (default: run until Ctrl-C).")
  private Double duration;

  @Option(
      names = "--sensors",
      defaultValue = "8",
      description =
          "Distance sensors per robot, evenly spaced from forward (default: ${DEFAULT-VALUE}).")
  private int sensors;

  @Option(names = "--no-camera", description = "Robots without a camera.")
  private boolean noCamera;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (robots < 1 || robots > 256) {
      throw new IllegalArgumentException("--robots must be within 1-256, got " + robots);
    }
    if (port < 0 || port + robots - 1 > 65535) {
      throw new IllegalArgumentException("--port must leave room for every robot below 65536");
    }
    if (!(speed > 0) || speed > MAX_SPEED) {
      throw new IllegalArgumentException(
          "--speed must be above 0 and at most "
              + MAX_SPEED
              + " (the robots' watchdog runs on simulated time), got "
              + speed);
    }
    if (duration != null && !(duration > 0)) {
      throw new IllegalArgumentException("--duration must be positive, got " + duration);
    }
    if (sensors < 0 || sensors > 32) {
      throw new IllegalArgumentException("--sensors must be within 0-32, got " + sensors);
    }
    PrintWriter out = spec.commandLine().getOut();
    SafetyLimits limits = KernelConfig.load(WorkspaceOptions.of(spec).volumesOrSystem()).safety();
    Arena world = ArenaCatalog.load(arena);
    Optional<CameraSpec> camera =
        noCamera ? Optional.empty() : Optional.of(RobotSpec.REFERENCE_CAMERA);
    CountDownLatch stopped = new CountDownLatch(1);
    try (Simulation sim =
        Simulation.of(world, robots, seed, limits, RobotSpec.reference(sensors), camera)) {
      List<String> addresses = sim.listenTcp(bind, port);
      out.printf(
          Locale.ROOT,
          "arena %s (%.1f x %.1f m), %d robot(s), seed %d, speed %sx real time%n",
          world.name(),
          world.widthM(),
          world.heightM(),
          robots,
          seed,
          speed);
      for (int i = 0; i < addresses.size(); i++) {
        out.printf("%s  %s%n", sim.robots().get(i).id(), addresses.get(i));
      }
      out.println(
          duration == null
              ? "running; press Ctrl-C to stop"
              : String.format(Locale.ROOT, "running for %.1f s", duration));
      out.flush();
      Thread hook = new Thread(stopped::countDown, "llmos-sim-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      sim.start(speed);
      long deadline =
          duration == null ? Long.MAX_VALUE : System.nanoTime() + Math.round(duration * 1e9);
      while (!stopped.await(200, TimeUnit.MILLISECONDS)
          && sim.failure().isEmpty()
          && System.nanoTime() < deadline) {
        // wait for Ctrl-C, the end of --duration, or a failure
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C arrived; the hook has run.
      }
      out.printf(Locale.ROOT, "stopped after %.1f simulated seconds%n", sim.timeS());
      if (sim.failure().isPresent()) {
        spec.commandLine()
            .getErr()
            .println(
                "internal error: the simulation stopped: "
                    + sim.failure().get()
                    + " (this is a bug in LLMos; please report it)");
        return ExitCodes.INTERNAL;
      }
    }
    return ExitCodes.OK;
  }
}
