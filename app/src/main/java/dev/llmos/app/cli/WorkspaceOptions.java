package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.kernel.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the workspace is. The options belong to the root command and are inherited by every
 * subcommand, so {@code llmos -w DIR agents list} and {@code llmos agents list -w DIR} both work.
 */
public final class WorkspaceOptions {
  @Option(
      names = {"-w", "--workspace"},
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      defaultValue = "${env:LLMOS_WORKSPACE:-" + Workspace.DEFAULT_DIRECTORY + "}",
      description = "The workspace directory (env LLMOS_WORKSPACE; default: ${DEFAULT-VALUE}).")
  private Path workspace;

  @Option(
      names = "--system-volume",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      defaultValue = "${env:LLMOS_SYSTEM_VOLUME}",
      description =
          "A system volume directory to use instead of the shipped one (env LLMOS_SYSTEM_VOLUME).")
  private Path systemVolume;

  /** The options of the {@code llmos} command a subcommand runs under. */
  public static WorkspaceOptions of(CommandSpec spec) {
    return ((LlmosCommand) spec.root().userObject()).workspace();
  }

  public Path root() {
    return workspace;
  }

  public Optional<Path> systemVolume() {
    return Optional.ofNullable(systemVolume);
  }

  /** Opens the workspace, or fails telling the user to run {@code llmos init}. */
  public Workspace open() {
    return Workspace.open(workspace, systemVolume(), Clock.systemUTC());
  }

  public Workspace init() {
    return Workspace.init(workspace, systemVolume(), Clock.systemUTC());
  }

  public boolean exists() {
    return Files.isRegularFile(
        workspace.resolve(dev.llmos.kernel.workspace.WorkspaceSettings.FILE));
  }

  /**
   * The agents and skills in view, with the kernel that governs them; see {@link #volumesOrSystem}.
   */
  public CatalogView catalogView() {
    VolumeSet volumes = volumesOrSystem();
    KernelConfig kernel = KernelConfig.load(volumes);
    return new CatalogView(kernel, Catalog.load(volumes, kernel.settings()));
  }

  /**
   * The workspace's volumes, or only the system volume when there is no workspace yet, so that the
   * shipped agents and skills can be browsed before {@code llmos init}.
   */
  public VolumeSet volumesOrSystem() {
    if (exists()) {
      return open().volumes();
    }
    return VolumeSet.of(systemVolume().map(SystemVolumes::at).orElseGet(SystemVolumes::packaged));
  }
}
