package dev.llmos.app.cli;

import dev.llmos.app.server.DashboardServer;
import dev.llmos.app.server.RunStarter;
import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.link.LinkOptions;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.transport.Transports;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.workspace.ModelSettings;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.llm.openai.CallStats;
import dev.llmos.llm.openai.ModelEndpoint;
import dev.llmos.runtime.agent.AgentRunner;
import dev.llmos.runtime.agent.Pace;
import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.agent.RunMemory;
import dev.llmos.runtime.agent.TickListener;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.RunHeader;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.instinct.VlmInstinct;
import dev.llmos.runtime.perception.Perception;
import dev.llmos.runtime.planner.ClassicalPlanner;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos run}: run a robot agent, simulated by default, and record it in the black box. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a robot agent on a simulated robot (default) or a real one (--robot),",
      "recorded under runs/. Offline: its rules, the classical planner, colour vision.",
      "With --vlm URL: VLM vision, the VLM instinct and the RSA planner where the",
      "agent asks for them, the offline defaults deciding whenever the model fails."
    })
final class RunCommand implements Callable<Integer> {
  static final double TICK_S = 0.1;

  /** The reference robot's radius plus a margin: plans keep clear of what the rules avoid. */
  static final double INFLATION_M = 0.15;

  /** The reference robot's range sensors sit on its faces, 4 cm from its centre. */
  static final double SENSOR_OFFSET_M = 0.04;

  /** The reference robot's 8 cm square body fits in a disc of this radius. */
  static final double BODY_RADIUS_M = 0.057;

  /** A real robot's map: this wide, centred where it starts. */
  static final double LIVE_MAP_M = 10;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "AGENT", description = "The robot agent to run (`llmos agents list`).")
  private String agentName;

  @Option(
      names = "--arena",
      defaultValue = "obstacles",
      description = "Simulator arena: shipped name or file (default: ${DEFAULT-VALUE}).")
  private String arena;

  @Option(
      names = "--robot",
      paramLabel = "ADDRESS",
      description = "Run on this robot instead of a simulated one: " + Transports.FORMS)
  private String robotAddress;

  @Option(
      names = "--duration",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "Robot seconds to run (default: ${DEFAULT-VALUE}).")
  private double durationS;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--headless", description = "No progress bar; only the summary.")
  private boolean headless;

  @Option(
      names = "--ui",
      description =
          "Show the run on the dashboard (address printed; a browser opens where there is a"
              + " display), where it can be paused and stopped; simulated runs only.")
  private boolean ui;

  @Option(
      names = "--speed",
      paramLabel = "X",
      description =
          "Times real time for a simulated run; 0 for as fast as it goes (default: 0, or 1 with"
              + " --ui).")
  private Double speed;

  @Mixin private DashboardOptions dashboard = new DashboardOptions();

  /** The dashboard showing this run, with --ui. */
  private Optional<DashboardServer> shown = Optional.empty();

  @Mixin private ModelOptions modelOptions = new ModelOptions();

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!(durationS > 0) || durationS > 24 * 3600) {
      throw new IllegalArgumentException(
          "--duration must be within (0, 86400] s, got " + durationS);
    }
    if (ui && robotAddress != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--ui shows simulated runs; a run on a real robot is watched with `llmos replay`"
              + " afterwards");
    }
    if (speed != null && robotAddress != null) {
      throw new ParameterException(
          spec.commandLine(), "--speed paces simulated runs; a real robot runs in real time");
    }
    if (speed != null && (!(speed >= 0) || speed > RunControl.MAX_SPEED)) {
      throw new ParameterException(
          spec.commandLine(), "--speed must be within [0, 1000], got " + speed);
    }
    WorkspaceOptions options = WorkspaceOptions.of(spec);
    Workspace workspace = options.open();
    KernelConfig kernel = KernelConfig.load(workspace.volumes());
    CatalogView view = options.catalogView();
    AgentSpec agent = view.robotAgent(agentName);
    SafetyLimits limits = kernel.safety();
    PrintWriter out = spec.commandLine().getOut();
    String runId = runId(agentName, robotAddress == null ? "-s" + seed : "");
    ModelSettings settings = Workspace.settings(workspace.root()).runtimeModel();
    Optional<ModelEndpoint> endpoint;
    try {
      endpoint = modelOptions.endpoint(settings, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Optional<RuntimeModel> model =
        endpoint.map(
            server ->
                RuntimeModel.connect(
                    server, ModelOptions.clientSettings(settings), kernel.runtime()));
    RunSummary summary;
    try {
      if (model.isPresent()) {
        out.printf("runtime model: %s%n", model.get().describe());
        Optional<String> unreachable = model.get().unreachable();
        if (unreachable.isPresent()) {
          // Every call would fail after its retries; the run goes offline rather than wait.
          PrintWriter err = spec.commandLine().getErr();
          err.printf(
              "warning: the runtime model does not answer (%s); running offline (rules,"
                  + " classical planner, colour vision). Check that the server runs and that"
                  + " --vlm points at its base URL, the part before /chat/completions.%n",
              unreachable.get());
          err.flush();
          model.get().close();
          model = Optional.empty();
        }
        out.flush();
      }
      summary =
          robotAddress == null
              ? simulated(agent, kernel, workspace, runId, model)
              : live(agent, limits, workspace.runsDirectory(), runId, model);
    } finally {
      model.ifPresent(RuntimeModel::close);
    }
    print(out, runId, summary, workspace.runsDirectory().resolve(runId));
    if (model.isPresent()) {
      CallStats stats = model.get().stats();
      out.printf(
          Locale.ROOT,
          "  runtime model: %d calls (%d failed, %d retries), %d prompt + %d completion tokens,"
              + " mean %.0f ms, max %.0f ms%n",
          stats.calls(),
          stats.failures(),
          stats.retries(),
          stats.promptTokens(),
          stats.completionTokens(),
          stats.meanLatencyMs(),
          stats.maxLatencyMs());
    }
    try {
      // After the summary is printed, so a memory or usage failure never hides how it went.
      out.printf("  memory: %s%n", RunMemory.record(workspace, agent, runId, summary).describe());
      if (shown.isPresent()) {
        Dashboards.lingerOnTerminal(shown.get(), out);
      }
    } finally {
      shown.ifPresent(DashboardServer::close);
    }
    return summary.outcome().equals("completed") ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** A run's id: when it started (UTC, to the second), the agent, and what it ran on. */
  static String runId(String agentName, String suffix) {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(java.time.ZoneOffset.UTC)
            .format(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        + "-"
        + agentName
        + suffix;
  }

  /**
   * A run id that no run in {@code runs} has yet: two runs started within one second (from the
   * dashboard, or by a model over MCP) get a suffix rather than a storage error.
   */
  static String uniqueRunId(Path runs, String agentName, String suffix) {
    String base = runId(agentName, suffix);
    String id = base;
    for (int n = 2; java.nio.file.Files.exists(runs.resolve(id)); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** The run's outcome and metrics, as `llmos run` and `llmos demo` print them. */
  static void print(PrintWriter out, String runId, RunSummary summary, Path dir) {
    out.printf("run %s: %s%n", runId, summary.outcome());
    out.printf(
        Locale.ROOT,
        "  %.0f s, %d ticks, %.2f m driven, %d collision(s), %.0f %% of the map known%n",
        summary.durationS(),
        summary.ticks(),
        summary.distanceM(),
        summary.collisions(),
        summary.coverage() * 100);
    out.printf("  decisions: %s%n", new java.util.TreeMap<>(summary.decisionsByBrain()));
    out.printf(
        Locale.ROOT,
        "  tick time p50 %.3f ms, p99 %.3f ms%n",
        summary.tickP50Ms(),
        summary.tickP99Ms());
    if (!summary.escalations().isEmpty()) {
      out.printf(
          "  escalations to the planner: %s%n", new java.util.TreeMap<>(summary.escalations()));
    }
    out.printf("  recorded in %s (`llmos replay %s`)%n", dir, runId);
  }

  private RunSummary simulated(
      AgentSpec agent,
      KernelConfig kernel,
      Workspace workspace,
      String runId,
      Optional<RuntimeModel> model)
      throws IOException, InterruptedException {
    Path runs = workspace.runsDirectory();
    Arena world = ArenaCatalog.load(arena);
    double pace = speed != null ? speed : ui ? 1 : 0;
    if (ui) {
      shown = Optional.of(Dashboards.start(workspace, dashboard, spec));
    }
    try (ProgressBar bar =
        headless
            ? null
            : BenchCommand.bar("Running " + agent.name(), Math.round(durationS / TICK_S))) {
      TickListener progress =
          (record, map) -> {
            if (bar != null) {
              bar.step();
            }
          };
      RunStarter.Launch launch =
          (control, listener) ->
              SimulatedRun.run(
                  agent,
                  kernel.safety(),
                  runs,
                  runId,
                  world,
                  seed,
                  durationS,
                  control,
                  TickListener.both(progress, listener),
                  model);
      if (shown.isEmpty()) {
        return launch.run(new RunControl(pace), (record, map) -> {});
      }
      return Dashboards.await(
          shown
              .get()
              .startRun(
                  new RunStarter.Prepared(
                      runId, agent.name(), world, seed, pace, durationS, launch)));
    }
  }

  private RunSummary live(
      AgentSpec agent, SafetyLimits limits, Path runs, String runId, Optional<RuntimeModel> model)
      throws IOException, InterruptedException {
    try (RobotLink link =
            RobotLink.open(
                Transports.open(robotAddress, Duration.ofSeconds(3)),
                limits,
                Clock.systemUTC(),
                LinkOptions.forLimits(limits));
        BlackBox box =
            BlackBox.start(
                runs,
                new RunHeader(
                    runId,
                    agent.name(),
                    agent.version(),
                    robotAddress,
                    "",
                    0,
                    Instant.now().toString()))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (link.latest().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      var start =
          link.latest()
              .orElseThrow(() -> new IOException("no telemetry from " + robotAddress + " in 3 s"))
              .pose();
      long tickNanos = Math.round(TICK_S * 1e9);
      long[] next = {System.nanoTime() + tickNanos};
      Pace pace =
          () -> {
            long wait = next[0] - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            next[0] += tickNanos;
            return link.isOpen();
          };
      GridGeometry map =
          GridGeometry.covering(
              start.xM() - LIVE_MAP_M / 2,
              start.yM() - LIVE_MAP_M / 2,
              LIVE_MAP_M,
              LIVE_MAP_M,
              0.05);
      // Offline, a real robot has no detector: the colour detector needs the arena's objects.
      // With the runtime model, the VLM looks for the agent's target.
      RobotRuntime runtime = agent.runtime().orElseThrow();
      Optional<Perception> perception =
          model.flatMap(m -> runtime.target().map(target -> m.perception(target, Map.of())));
      Planner offline = new ClassicalPlanner(INFLATION_M);
      AgentRunner runner =
          new AgentRunner(
              agent,
              link,
              box,
              pace,
              new AgentRunner.Options(
                  TICK_S,
                  durationS,
                  map,
                  INFLATION_M,
                  SENSOR_OFFSET_M,
                  BODY_RADIUS_M,
                  perception,
                  OptionalInt.empty()),
              model.map(m -> m.planner(agent, offline, 0)).orElse(offline));
      Optional<VlmInstinct> instinct = model.flatMap(m -> m.instinct(agent));
      if (instinct.isPresent()) {
        runner = runner.withVlmInstinct(instinct.get());
      }
      if (model.isPresent()) {
        runner = runner.recordingDetails(model.get().details());
      }
      return runner.run();
    }
  }
}
