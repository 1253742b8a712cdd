package dev.llmos.app.cli;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.link.LinkOptions;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.hal.transport.Transport;
import dev.llmos.hal.transport.Transports;
import dev.llmos.kernel.config.KernelConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos robot}: talk to one robot, real or simulated, over the wire protocol. */
@Command(
    name = "robot",
    mixinStandardHelpOptions = true,
    description = "Connect to a robot (an ESP32 over serial or WiFi, or `llmos sim`).",
    subcommands = {RobotCommand.Connect.class, RobotCommand.Info.class})
final class RobotCommand {

  static final String ADDRESS_HELP = "The robot: " + Transports.FORMS;

  @Command(
      name = "connect",
      mixinStandardHelpOptions = true,
      description = {
        "Open an interactive console to a robot: drive, stop, read telemetry, save camera frames.",
        "Every command passes the safety validator with the kernel's limits.",
        "Reads commands from standard input, one per line, so it also runs from a script."
      },
      footer = {"", "Console commands:", RobotConsole.HELP})
  static final class Connect implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ADDRESS", description = ADDRESS_HELP)
    private String address;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (RobotLink robot = open(spec, address)) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int refused = new RobotConsole(robot, out).run(in);
        out.printf("%d command(s) refused%n", refused);
        out.flush();
        return refused == 0 ? ExitCodes.OK : ExitCodes.FAILED;
      }
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Connect, print what the robot says about itself and one telemetry sample.")
  static final class Info implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ADDRESS", description = ADDRESS_HELP)
    private String address;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      try (RobotLink robot = open(spec, address)) {
        Capabilities c = robot.capabilities();
        out.printf("robot       %s%n", c.robotId());
        out.printf("model       %s (firmware %s)%n", c.model(), c.firmwareVersion());
        out.printf(
            Locale.ROOT,
            "drive       track %.3f m, wheels %.3f m, %d ticks/rev, top speed %.2f m/s%n",
            c.trackWidthM(),
            c.wheelDiameterM(),
            c.ticksPerRevolution(),
            c.maxWheelSpeedMps());
        out.printf(
            Locale.ROOT,
            "ranges      %d sensors at %s degrees%n",
            c.rangeSensors().size(),
            c.rangeSensors().stream()
                .map(RangeSensor::angle)
                .map(a -> String.format(Locale.ROOT, "%.0f", a.degrees()))
                .collect(Collectors.joining(", ")));
        out.printf(
            "camera      %s%n",
            c.camera()
                .map(
                    cam ->
                        String.format(
                            Locale.ROOT,
                            "%dx%d, %.0f degrees",
                            cam.width(),
                            cam.height(),
                            Math.toDegrees(cam.horizontalFovRad())))
                .orElse("none"));
        out.printf(Locale.ROOT, "watchdog    %.2f s%n", c.watchdogTimeoutS());
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (robot.latest().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        out.println(
            "telemetry   " + robot.latest().map(RobotConsole::describe).orElse("none within 3 s"));
        return robot.latest().isPresent() ? ExitCodes.OK : ExitCodes.IO;
      }
    }
  }

  /** Opens a link with the kernel's safety limits, or says why it cannot. */
  static RobotLink open(CommandSpec spec, String address) throws IOException {
    SafetyLimits limits = KernelConfig.load(WorkspaceOptions.of(spec).volumesOrSystem()).safety();
    Transport transport = Transports.open(address, Duration.ofSeconds(3));
    return RobotLink.open(transport, limits, Clock.systemUTC(), LinkOptions.forLimits(limits));
  }
}
