package dev.llmos.app.cli;

import dev.llmos.app.server.DashboardServer;
import dev.llmos.app.server.RunStarter;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.agent.RunControl;
import dev.llmos.runtime.agent.RunMemory;
import dev.llmos.runtime.agent.TickListener;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmos demo}: the shipped explorer maps the office on a simulated robot, offline, with a
 * live text view of what it believes, then the run's summary.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Watch a simulated robot run an agent offline: by default the shipped explorer maps the",
      "office arena. The dashboard (its address is printed; a browser opens where there is a",
      "display) shows it in 3D with its map, camera and every decision, and can pause or stop it;",
      "a live text view shows the map in the terminal too. The run is recorded under runs/ like",
      "any `llmos run`. On a terminal the dashboard stays up after the run until Enter or Ctrl-C.",
      "Creates the workspace if there is none."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--agent",
      defaultValue = "explorer",
      description = "The robot agent to run (default: ${DEFAULT-VALUE}).")
  private String agentName;

  @Option(
      names = "--arena",
      defaultValue = "office",
      description = "Simulator arena: shipped name or file (default: ${DEFAULT-VALUE}).")
  private String arena;

  @Option(
      names = "--duration",
      defaultValue = "120",
      paramLabel = "SECONDS",
      description = "Robot seconds to run (default: ${DEFAULT-VALUE}).")
  private double durationS;

  @Option(
      names = "--speed",
      defaultValue = "8",
      description = "Times real time; 0 runs as fast as it can (default: ${DEFAULT-VALUE}).")
  private double speed;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--no-ui", description = "No dashboard; the terminal only.")
  private boolean noUi;

  @Mixin private DashboardOptions dashboard = new DashboardOptions();

  @Option(
      names = "--no-view",
      description = "No live view; only the summary (the view is redrawn in place on a terminal).")
  private boolean noView;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!(durationS > 0) || durationS > 3600) {
      throw new IllegalArgumentException("--duration must be within (0, 3600] s, got " + durationS);
    }
    if (!(speed >= 0) || speed > 1000) {
      throw new IllegalArgumentException("--speed must be within [0, 1000], got " + speed);
    }
    PrintWriter out = spec.commandLine().getOut();
    WorkspaceOptions options = WorkspaceOptions.of(spec);
    Workspace workspace;
    if (options.exists()) {
      workspace = options.open();
    } else {
      workspace = options.init();
      out.printf("created a workspace in %s (`llmos init` does this too)%n", options.root());
    }
    AgentSpec agent = options.catalogView().robotAgent(agentName);
    Arena world = ArenaCatalog.load(arena);
    out.printf(
        "demo: %s in the %s arena, %.0f simulated seconds at %s, seed %d; offline (rules,"
            + " classical planner)%n",
        agent.name(),
        world.name(),
        durationS,
        speed == 0 ? "full speed" : speed + "x real time",
        seed);
    out.flush();
    String runId = RunCommand.runId(agentName, "-s" + seed);
    KernelConfig kernel = KernelConfig.load(workspace.volumes());
    LiveView view = new LiveView(out, Help.Ansi.AUTO.enabled(), noView);
    RunStarter.Launch launch =
        (control, listener) ->
            SimulatedRun.run(
                agent,
                kernel.safety(),
                workspace.runsDirectory(),
                runId,
                world,
                seed,
                durationS,
                control,
                TickListener.both(view, listener),
                Optional.empty());
    Optional<DashboardServer> ui =
        noUi ? Optional.empty() : Optional.of(Dashboards.start(workspace, dashboard, spec));
    try {
      RunSummary summary =
          ui.isPresent()
              ? Dashboards.await(
                  ui.get()
                      .startRun(
                          new RunStarter.Prepared(
                              runId, agent.name(), world, seed, speed, durationS, launch)))
              : launch.run(new RunControl(speed), (record, map) -> {});
      view.finish();
      RunCommand.print(out, runId, summary, workspace.runsDirectory().resolve(runId));
      out.printf("  memory: %s%n", RunMemory.record(workspace, agent, runId, summary).describe());
      if (ui.isPresent()) {
        Dashboards.lingerOnTerminal(ui.get(), out);
      }
      return summary.outcome().equals("completed") ? ExitCodes.OK : ExitCodes.FAILED;
    } finally {
      ui.ifPresent(DashboardServer::close);
    }
  }
}
