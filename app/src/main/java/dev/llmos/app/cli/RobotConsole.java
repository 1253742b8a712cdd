package dev.llmos.app.cli;

import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.ReadSensors;
import dev.llmos.hal.command.Reset;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.robot.CommandResult;
import dev.llmos.hal.robot.Robot;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.hal.telemetry.Telemetry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A line-by-line console for one robot: type a command, see what the robot answered. Works in any
 * terminal and from a pipe, so scripts and tests drive it the same way a person does.
 */
final class RobotConsole {
  /** Speed and duration of the one-letter driving keys. */
  private static final double KEY_SPEED_MPS = 0.15;

  private static final double KEY_TURN_RADPS = 1.5;
  private static final double KEY_DURATION_S = 0.5;
  private static final long ANSWER_TIMEOUT_S = 5;

  static final String HELP =
      "Commands (SI units; angles in degrees):%n"
          + "  w | a | s | d | x        forward, turn left, back, turn right (0.5 s each), stop%n"
          + "  twist V W [S]            drive at V m/s turning W rad/s for S s (default 1)%n"
          + "  wheels L R [S]           left and right wheel speeds in m/s for S s (default 1)%n"
          + "  move M [V]               drive M metres straight at V m/s (default 0.15)%n"
          + "  rotate DEG [W]           turn DEG degrees (left positive) at W rad/s (default 1.5)%n"
          + "  stop | estop | reset     stop; emergency stop (latched); clear the latch%n"
          + "  led R G B                set the LED colour (0-255 each)%n"
          + "  t | telemetry            show the latest telemetry%n"
          + "  sense                    ask for a fresh telemetry sample%n"
          + "  frame FILE.jpg           save one camera frame%n"
          + "  help | quit";

  private final Robot robot;
  private final PrintWriter out;

  RobotConsole(Robot robot, PrintWriter out) {
    this.robot = robot;
    this.out = out;
  }

  /** Reads lines until end of input or {@code quit}; returns the number of refused commands. */
  int run(BufferedReader in) throws IOException {
    int refused = 0;
    out.printf(
        "connected to %s (%s)%n", robot.capabilities().robotId(), robot.capabilities().model());
    out.printf("type `help` for commands%n");
    out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.equals("quit") || trimmed.equals("exit")) {
        break;
      }
      if (!handle(trimmed)) {
        refused++;
      }
      out.flush();
    }
    return refused;
  }

  /** Runs one console line; false when it was refused or not understood. */
  boolean handle(String line) {
    List<String> words = List.of(line.split("\\s+"));
    String verb = words.get(0).toLowerCase(Locale.ROOT);
    try {
      switch (verb) {
        case "help", "?" -> {
          out.printf(HELP + "%n");
          return true;
        }
        case "t", "telemetry" -> {
          out.println(robot.latest().map(RobotConsole::describe).orElse("no telemetry yet"));
          return true;
        }
        case "frame" -> {
          return saveFrame(words);
        }
        default -> {
          return send(parse(verb, words));
        }
      }
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage() + " (type `help`)");
      return false;
    }
  }

  private static Command parse(String verb, List<String> words) {
    return switch (verb) {
      case "w" -> new Twist(KEY_SPEED_MPS, 0, KEY_DURATION_S);
      case "s" -> new Twist(-KEY_SPEED_MPS, 0, KEY_DURATION_S);
      case "a" -> new Twist(0, KEY_TURN_RADPS, KEY_DURATION_S);
      case "d" -> new Twist(0, -KEY_TURN_RADPS, KEY_DURATION_S);
      case "x", "stop" -> new Stop();
      case "estop" -> new EmergencyStop();
      case "reset" -> new Reset();
      case "sense" -> new ReadSensors();
      case "twist" ->
          new Twist(number(words, 1, "V"), number(words, 2, "W"), optional(words, 3, 1.0));
      case "wheels" ->
          new DriveWheels(
              new WheelSpeeds(number(words, 1, "L"), number(words, 2, "R")),
              optional(words, 3, 1.0));
      case "move" -> new MoveDistance(number(words, 1, "M"), optional(words, 2, 0.15));
      case "rotate" ->
          new Rotate(Math.toRadians(number(words, 1, "DEG")), optional(words, 2, KEY_TURN_RADPS));
      case "led" ->
          new SetLed(
              (int) number(words, 1, "R"),
              (int) number(words, 2, "G"),
              (int) number(words, 3, "B"));
      default -> throw new IllegalArgumentException("unknown command `" + verb + "`");
    };
  }

  private boolean send(Command command) {
    CommandResult result = await(robot.send(command));
    if (result == null) {
      return false;
    }
    switch (result.outcome()) {
      case ACCEPTED -> {
        String sent = result.sent().describe();
        out.println(
            "ok: " + sent + (result.reason().isEmpty() ? "" : " (" + result.reason() + ")"));
        return true;
      }
      case REFUSED_BY_VALIDATOR ->
          out.println("refused by the safety validator: " + result.reason());
      case REFUSED_BY_ROBOT -> out.println("refused by the robot: " + result.reason());
      case NO_ANSWER -> out.println("no answer from the robot: " + result.reason());
    }
    return false;
  }

  private boolean saveFrame(List<String> words) {
    if (words.size() != 2) {
      throw new IllegalArgumentException("frame needs a file name, e.g. `frame view.jpg`");
    }
    CameraFrame frame = await(robot.captureFrame());
    if (frame == null) {
      return false;
    }
    try {
      Path file = Path.of(words.get(1));
      Files.write(file, frame.jpeg());
      out.printf(
          "saved frame %d (%dx%d, %d bytes) to %s%n",
          frame.frameId(), frame.width(), frame.height(), frame.jpegLength(), file);
      return true;
    } catch (IOException e) {
      out.println("error: cannot write " + words.get(1) + ": " + e.getMessage());
      return false;
    }
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(ANSWER_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("error: interrupted");
    } catch (ExecutionException e) {
      out.println("error: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      out.println("error: no answer within " + ANSWER_TIMEOUT_S + " s; is the robot still there?");
    }
    return null;
  }

  static String describe(Telemetry t) {
    StringBuilder ranges = new StringBuilder();
    for (double r : t.rangesM()) {
      ranges.append(ranges.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", r));
    }
    return String.format(
        Locale.ROOT,
        "t=%.2fs pose=(%.3f m, %.3f m, %.1f°) wheels=(%.3f, %.3f) m/s ranges=[%s] m"
            + " bumper=%s battery=%.2f V%s%s collisions=%d",
        t.timeS(),
        t.pose().xM(),
        t.pose().yM(),
        t.pose().heading().wrapped().degrees(),
        t.wheels().leftMps(),
        t.wheels().rightMps(),
        ranges,
        t.bumper() ? "pressed" : "free",
        t.battery().voltageV(),
        t.status().emergencyLatched() ? " EMERGENCY-LATCHED" : "",
        t.status().watchdogTripped() ? " WATCHDOG-STOPPED" : "",
        t.status().collisions());
  }

  private static double number(List<String> words, int index, String name) {
    if (words.size() <= index) {
      throw new IllegalArgumentException(words.get(0) + " needs " + name);
    }
    return parseNumber(words.get(index), name);
  }

  private static double optional(List<String> words, int index, double fallback) {
    return words.size() <= index ? fallback : parseNumber(words.get(index), "a number");
  }

  private static double parseNumber(String word, String name) {
    try {
      double value = Double.parseDouble(word);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got `" + word + "`", e);
    }
  }
}
