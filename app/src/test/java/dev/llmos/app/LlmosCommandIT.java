package dev.llmos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.llm.standin.StandInServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/llmos} launcher on the built jar, as a person would. */
class LlmosCommandIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "llmos").toAbsolutePath().normalize();

  @TempDir Path dir;
  private Path workspace;

  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void setUp() {
    workspace = dir.resolve("my-workspace");
  }

  private Run llmos(String... args) throws IOException, InterruptedException {
    return llmosWithInput("", args);
  }

  private ProcessBuilder launcher(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("LLMOS_WORKSPACE", workspace.toString());
    pb.environment().remove("LLMOS_SYSTEM_VOLUME");
    return pb;
  }

  private Run llmosWithInput(String input, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder pb = launcher(args);
    Path in = dir.resolve("in.txt");
    Files.writeString(in, input, StandardCharsets.UTF_8);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("llmos finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpOnEveryCommand() throws Exception {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"init", "--help"},
          {"agents", "--help"},
          {"agents", "list", "--help"},
          {"agents", "create", "--help"},
          {"skills", "show", "--help"},
          {"kernel", "validate", "--help"},
          {"sim", "--help"},
          {"arenas", "show", "--help"},
          {"robot", "connect", "--help"},
          {"bench", "link", "--help"},
          {"run", "--help"},
          {"serve", "--help"},
          {"create", "--help"},
          {"mcp", "--help"},
          {"bench", "dashboard", "--help"},
          {"replay", "--help"}
        }) {
      Run r = llmos(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).contains("Usage: llmos");
    }
  }

  @Test
  void theFrontDoorWorkflow() throws Exception {
    Run init = llmos("init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(workspace.resolve("volumes/user/.git")).isDirectory();

    Run agents = llmos("agents", "list");
    assertThat(agents.exitCode()).isZero();
    assertThat(agents.out()).containsPattern("(?m)^(1[4-9]|[2-9]\\d) agents$");

    Run skills = llmos("skills", "list");
    assertThat(skills.exitCode()).isZero();
    assertThat(skills.out()).containsPattern("(?m)^([2-9]\\d) skills$");

    Run kernel = llmos("kernel", "validate");
    assertThat(kernel.exitCode()).as(kernel.err()).isZero();

    Run create =
        llmos("agents", "create", "rover", "--description", "Roams without touching walls.");
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(workspace.resolve("volumes/user/agents/rover.md")).isRegularFile();
  }

  @Test
  void exitCodesMeanSomething() throws Exception {
    Run noWorkspace = llmos("agents", "create", "rover", "--description", "x");
    assertThat(noWorkspace.exitCode()).isEqualTo(4);
    assertThat(noWorkspace.err()).contains("run `llmos init`");

    Run usage = llmos("agents", "fly");
    assertThat(usage.exitCode()).isEqualTo(2);

    llmos("init");
    Run notFound = llmos("skills", "show", "juggling");
    assertThat(notFound.exitCode()).isEqualTo(3);

    Path broken = dir.resolve("broken.md");
    Files.writeString(broken, "---\nname: broken\ndescription: [unclosed\n---\nbody\n");
    Run invalid = llmos("agents", "validate", broken.toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains(broken + ":").contains("malformed YAML");
  }

  @Test
  void searchUsagePromotionMemoryAndBenchRunFromTheShadedJar() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();

    // Lucene finds its codecs through service files, which the shaded jar must keep.
    Run search = llmos("skills", "search", "don't bump into things", "--limit", "3");
    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(search.out().lines().skip(1).findFirst().orElse(""))
        .startsWith("obstacle-avoidance");

    Path skill = workspace.resolve("volumes/user/skills/tape-tracking/SKILL.md");
    Files.createDirectories(skill.getParent());
    Files.writeString(
        skill,
        """
        ---
        name: tape-tracking
        description: Tracks tape. Use on taped floors.
        ---
        Keep the tape between the line sensors.
        """);
    for (int i = 0; i < 5; i++) {
      assertThat(llmos("usage", "record", "tape-tracking", "--success").exitCode()).isZero();
    }
    Run candidates = llmos("promote", "--candidates");
    assertThat(candidates.out()).contains("tape-tracking");
    Run promote = llmos("promote", "tape-tracking");
    assertThat(promote.exitCode()).as(promote.err()).isZero();
    assertThat(workspace.resolve("volumes/team/skills/tape-tracking/SKILL.md")).isRegularFile();
    assertThat(skill).doesNotExist();

    for (int i = 0; i < 3; i++) {
      Run log =
          llmos(
              "memory",
              "log",
              "--agent",
              "explorer",
              "--goal",
              "Map the lab",
              "--outcome",
              "mapped it",
              "--success",
              "0.9",
              "--duration",
              "30");
      assertThat(log.exitCode()).as(log.err()).isZero();
    }
    Run consolidate = llmos("memory", "consolidate");
    assertThat(consolidate.out()).contains("1 learning(s) written");
    Run query = llmos("memory", "query", "lab");
    assertThat(query.exitCode()).isZero();
    assertThat(query.out()).contains("long_term", "Map the lab");

    Run bench = llmos("bench", "volume-load", "--documents", "200", "--rounds", "1");
    assertThat(bench.exitCode()).as(bench.err()).isZero();
    assertThat(bench.out()).containsPattern("load rate / raw rate = \\d+\\.\\d{3}");
  }

  @Test
  void simulatedRobotsAreDrivenOverTcpFromTheCommandLine() throws Exception {
    Path simOut = dir.resolve("sim.txt");
    Process sim =
        launcher("sim", "--arena", "obstacles", "--robots", "2", "--port", "0", "--duration", "60")
            .redirectOutput(simOut.toFile())
            .redirectError(dir.resolve("sim-err.txt").toFile())
            .start();
    try {
      List<String> addresses = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (addresses.size() < 2 && System.nanoTime() < deadline && sim.isAlive()) {
        Thread.sleep(100);
        addresses.clear();
        for (String line : Files.readAllLines(simOut, StandardCharsets.UTF_8)) {
          if (line.startsWith("robot-")) {
            addresses.add(line.substring(line.indexOf("tcp://")).trim());
          }
        }
      }
      assertThat(addresses).as(Files.readString(simOut)).hasSize(2);

      Path frame = dir.resolve("view.jpg");
      Run console =
          llmosWithInput(
              String.join(
                  "\n",
                  "t",
                  "w",
                  "frame " + frame,
                  "wheels 5 5 0.5",
                  "estop",
                  "w",
                  "reset",
                  "nonsense",
                  "quit",
                  ""),
              "robot",
              "connect",
              addresses.get(0));
      assertThat(console.exitCode()).as(console.err()).isEqualTo(1);
      assertThat(console.out())
          .contains("connected to robot-1")
          .contains("pose=(0.300 m, 0.300 m, 45.0°)")
          .contains("ok: twist v=0.150 m/s")
          .contains("WHEEL_SPEED")
          .contains("refused by the safety validator: EMERGENCY_LATCH")
          .contains("ok: reset")
          .contains("unknown command `nonsense`")
          .contains("2 command(s) refused");
      assertThat(Files.readAllBytes(frame)).startsWith((byte) 0xFF, (byte) 0xD8);

      Run info = llmos("robot", "info", addresses.get(1));
      assertThat(info.exitCode()).as(info.err()).isZero();
      assertThat(info.out()).contains("robot-2", "8 sensors", "320x240");

      Run nobody = llmos("robot", "info", "tcp://127.0.0.1:1");
      assertThat(nobody.exitCode()).isEqualTo(5);
      assertThat(nobody.err()).contains("cannot connect", "llmos sim");
    } finally {
      sim.destroy();
      assertThat(sim.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void arenasAndRobotBenchmarksRunFromTheShadedJar() throws Exception {
    Run list = llmos("arenas", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("empty-room", "maze", "office", "corridor", "obstacles");
    Run show = llmos("arenas", "show", "maze");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).contains("#", "S", "red-ball");
    Run missing = llmos("arenas", "show", "moon-base");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("moon-base");

    Run sim = llmos("bench", "sim", "--rounds", "1", "--seconds", "5");
    assertThat(sim.exitCode()).as(sim.err()).isZero();
    assertThat(sim.out()).containsPattern("real-time factor, 1 robot = \\d+");
    Run protocol = llmos("bench", "protocol", "--frames", "20000");
    assertThat(protocol.exitCode()).as(protocol.err()).isZero();
    assertThat(protocol.out()).contains("frames/s needed");
  }

  @Test
  void aShippedAgentRunsOnASimulatedRobotAndIsRecorded() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();
    Run run =
        llmos("run", "wall-avoider", "--arena", "obstacles", "--duration", "20", "--headless");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(": completed", "200 ticks", "0 collision(s)", "recorded in");
    Path runs = workspace.resolve("runs");
    try (var dirs = Files.list(runs)) {
      Path dir = dirs.findFirst().orElseThrow();
      assertThat(dir.getFileName().toString()).endsWith("-wall-avoider-s1");
      assertThat(Files.readString(dir.resolve("summary.md"))).contains("outcome: completed");
      assertThat(Files.readAllLines(dir.resolve("trace.jsonl"))).hasSizeGreaterThan(200);
    }
    assertThat(run.out()).contains("  memory: trace ", "usage: wall-avoider, obstacle-avoidance");
    assertThat(llmos("usage", "show", "wall-avoider").out())
        .containsPattern("agent:wall-avoider +user +1 ");
    Run missing = llmos("run", "no-such-agent");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).contains("no agent named no-such-agent");
  }

  /**
   * `llmos run --vlm URL` against a real HTTP stand-in for the model: VLM vision, the VLM instinct
   * and the RSA planner are used, the model's calls are counted, and a plan the model cannot make
   * is made by the classical planner.
   */
  @Test
  void theObjectSeekerRunsWithAStandInVlmFromTheCommandLine() throws Exception {
    StandInServer.Responder byPart =
        call ->
            switch (call.body().at("/response_format/json_schema/name").asText()) {
              case "vlm_detections" -> StandInServer.Answer.content("{\"objects\": []}");
              case "instinct_action" ->
                  StandInServer.Answer.content(
                      "{\"action\": \"rotate\", \"args\": {\"angle_rad\": 0.3},"
                          + " \"reason\": \"looking for the ball\"}");
              default -> StandInServer.Answer.content("a plan? go left, I suppose");
            };
    assertThat(llmos("init").exitCode()).isZero();
    try (StandInServer standIn = StandInServer.start(byPart)) {
      Run run =
          llmos(
              "run",
              "object-seeker",
              "--arena",
              "obstacles",
              "--duration",
              "10",
              "--headless",
              "--vlm",
              standIn.baseUrl());
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .contains("runtime model: ", "(llama.cpp)", ": completed", "0 collision(s)")
          .containsPattern("runtime model: \\d+ calls \\(0 failed");
      assertThat(run.err()).doesNotContain("warning");
      assertThat(standIn.calls())
          .extracting(c -> c.body().at("/response_format/json_schema/name").asText())
          .contains("vlm_detections", "instinct_action");
      Path trace;
      try (var dirs = Files.list(workspace.resolve("runs"))) {
        trace = dirs.findFirst().orElseThrow().resolve("trace.jsonl");
      }
      String lines = Files.readString(trace);
      assertThat(lines).contains("\"kind\":\"model_call\"", "vlm: looking for the ball");
    }
    // A server that is not there: a warning that says what to check, and the offline defaults.
    Run absent =
        llmos(
            "run",
            "object-seeker",
            "--arena",
            "obstacles",
            "--duration",
            "3",
            "--headless",
            "--vlm",
            "http://127.0.0.1:9/v1");
    assertThat(absent.exitCode()).as(absent.err()).isZero();
    assertThat(absent.err())
        .contains("warning: the runtime model does not answer", "running offline", "--vlm");
    assertThat(absent.out()).contains(": completed");
    Run badUrl = llmos("run", "object-seeker", "--vlm", "gpu-box:8080");
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.err()).contains("gpu-box:8080");
  }

  /** The README's first command: the demo runs offline in a fresh place and says what happened. */
  @Test
  void theDemoRunsTheExplorerOfflineAndCreatesTheWorkspace() throws Exception {
    Run demo = llmos("demo", "--duration", "30", "--speed", "0");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out())
        .contains("created a workspace", "demo: explorer in the office arena")
        .containsPattern("dashboard: http://127\\.0\\.0\\.1:\\d+/")
        .contains("t= 10.0 s", "t= 30.0 s", "R = robot at")
        .contains(": completed", "300 ticks", "decisions: {", "planner=", "recorded in");
    assertThat(workspace.resolve("volumes/user/.git")).isDirectory();
    try (var dirs = Files.list(workspace.resolve("runs"))) {
      assertThat(dirs.map(d -> d.getFileName().toString()))
          .singleElement()
          .asString()
          .endsWith("-explorer-s1");
    }
  }

  /** `llmos serve` prints its address, answers the API, and stops on a signal. */
  @Test
  void serveAnswersUntilItIsStopped() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();
    Path out = dir.resolve("serve.txt");
    Process serve =
        launcher("serve", "--port", "0", "--no-browser")
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("serve-err.txt").toFile())
            .start();
    try {
      String address = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (address == null && System.nanoTime() < deadline && serve.isAlive()) {
        Thread.sleep(100);
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
          if (line.startsWith("dashboard: ")) {
            address = line.substring("dashboard: ".length()).trim();
          }
        }
      }
      assertThat(address).as(Files.readString(out)).startsWith("http://127.0.0.1:");
      var http = java.net.http.HttpClient.newHttpClient();
      var status =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(address + "api/status"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body()).contains("\"live\":null");
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
    } finally {
      serve.destroyForcibly();
    }
  }

  /** `llmos run --ui` shows the run on the dashboard and ends with it when there is no terminal. */
  @Test
  void aRunWithTheDashboardEndsByItselfInAScript() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();
    Run run =
        llmos(
            "run",
            "explorer",
            "--arena",
            "obstacles",
            "--duration",
            "5",
            "--speed",
            "0",
            "--ui",
            "--no-browser",
            "--port",
            "0",
            "--headless");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("dashboard: http://127\\.0\\.0\\.1:\\d+/")
        .contains(": completed", "50 ticks");
    assertThat(run.out()).doesNotContain("stays up");
  }

  /** The dashboard refuses to be reachable from other machines without an access token. */
  @Test
  void servingBeyondTheLoopbackNeedsAToken() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();
    Run open = llmos("serve", "--host", "0.0.0.0", "--no-browser");
    assertThat(open.exitCode()).isEqualTo(2);
    assertThat(open.err()).contains("--token", "LLMOS_UI_TOKEN", "127.0.0.1");
    Run shortToken = llmos("serve", "--host", "0.0.0.0", "--token", "abc", "--no-browser");
    assertThat(shortToken.exitCode()).isEqualTo(2);
    assertThat(shortToken.err()).contains("16 characters");
  }

  /** An agent whose runtime block is invalid is refused when it loads, with file, line and why. */
  @Test
  void anAgentWithABadRuleIsRefusedAtLoadWithItsFileAndLine() throws Exception {
    assertThat(llmos("init").exitCode()).isZero();
    String shipped =
        Files.readString(Path.of("..", "volumes", "system", "agents", "wall-avoider.md"));
    String broken =
        shipped
            .replace("name: wall-avoider", "name: clumsy")
            .replace("then forward(cruise_mps)", "then fly(cruise_mps)");
    Files.createDirectories(workspace.resolve("volumes/user/agents"));
    Files.writeString(workspace.resolve("volumes/user/agents/clumsy.md"), broken);
    long line = broken.lines().takeWhile(l -> !l.contains("fly(cruise_mps)")).count() + 1;
    Run run = llmos("run", "clumsy", "--duration", "5", "--headless");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("agent clumsy is invalid")
        .contains("user:agents/clumsy.md:" + line + ":")
        .contains("unknown action 'fly'");
    assertThat(workspace.resolve("runs"))
        .satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
  }
}
