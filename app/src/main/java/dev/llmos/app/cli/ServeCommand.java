package dev.llmos.app.cli;

import dev.llmos.app.server.DashboardServer;
import dev.llmos.kernel.workspace.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llmos serve}: the dashboard alone, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the dashboard for this workspace until Ctrl-C: start, pause and stop simulated runs,",
      "watch them in 3D, browse agents and skills, replay recorded runs. The API is in docs/api.md."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DashboardOptions dashboard = new DashboardOptions();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Workspace workspace = WorkspaceOptions.of(spec).open();
    CountDownLatch stopped = new CountDownLatch(1);
    DashboardServer server = Dashboards.start(workspace, dashboard, spec);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "llmos-serve-shutdown"));
    out.println("serving; Ctrl-C stops");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
