package dev.llmos.app.cli;

import dev.llmos.app.server.RunStarter;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.agent.RunMemory;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Runs that a person starts from the dashboard: offline, on a simulated reference robot in a
 * shipped arena, recorded and remembered like {@code llmos run}.
 */
final class CliRunStarter implements RunStarter {
  private final Workspace workspace;

  CliRunStarter(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public Prepared prepare(Request request) {
    KernelConfig kernel = KernelConfig.load(workspace.volumes());
    CatalogView view =
        new CatalogView(kernel, Catalog.load(workspace.volumes(), kernel.settings()));
    AgentSpec agent;
    try {
      agent = view.robotAgent(request.agent());
    } catch (NotFoundException e) {
      throw new NoSuchElementException(e.getMessage());
    }
    if (!ArenaCatalog.PACKAGED.contains(request.arena())) {
      throw new NoSuchElementException(
          "no arena named '"
              + request.arena()
              + "'; the shipped ones are "
              + ArenaCatalog.PACKAGED);
    }
    Arena arena = ArenaCatalog.loadPackaged(request.arena());
    String runId =
        RunCommand.uniqueRunId(workspace.runsDirectory(), agent.name(), "-s" + request.seed());
    return new Prepared(
        runId,
        agent.name(),
        arena,
        request.seed(),
        request.speed(),
        request.durationS(),
        (control, listener) -> {
          RunSummary summary =
              SimulatedRun.run(
                  agent,
                  kernel.safety(),
                  workspace.runsDirectory(),
                  runId,
                  arena,
                  request.seed(),
                  request.durationS(),
                  control,
                  listener,
                  Optional.empty());
          RunMemory.record(workspace, agent, runId, summary);
          return summary;
        });
  }

  /** Where the runs it starts are recorded. */
  java.nio.file.Path runsDirectory() {
    return workspace.runsDirectory();
  }
}
