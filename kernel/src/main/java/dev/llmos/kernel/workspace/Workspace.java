package dev.llmos.kernel.workspace;

import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.volume.CommitAuthor;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A person's LLMos workspace: {@code llmos.yaml}, the team and user volumes (git repositories), the
 * shipped system volume, and {@code runs/} for black-box recordings.
 */
public final class Workspace {
  public static final String DEFAULT_DIRECTORY = "llmos-workspace";

  private final Path root;
  private final VolumeSet volumes;
  private final KernelConfig kernel;
  private final Clock clock;
  private final Optional<Path> systemDirectory;

  private Workspace(
      Path root,
      VolumeSet volumes,
      KernelConfig kernel,
      Clock clock,
      Optional<Path> systemDirectory) {
    this.root = root;
    this.volumes = volumes;
    this.kernel = kernel;
    this.clock = clock;
    this.systemDirectory = systemDirectory;
  }

  /**
   * Creates a workspace, or completes one that is partly there; what exists is kept.
   *
   * @param systemOverride a system volume directory to use instead of the shipped one
   */
  public static Workspace init(Path root, Optional<Path> systemOverride, Clock clock) {
    try {
      Files.createDirectories(root.resolve("runs"));
      Path settings = root.resolve(WorkspaceSettings.FILE);
      if (!Files.exists(settings)) {
        Files.writeString(settings, WorkspaceSettings.TEMPLATE, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new VolumeException(
          "could not create a workspace at " + root + ": " + VolumeException.describe(e), e);
    }
    Volume system = systemVolume(root, systemOverride);
    CommitAuthor author = KernelConfig.load(VolumeSet.of(system)).settings().gitAuthor();
    for (VolumeKind kind : new VolumeKind[] {VolumeKind.TEAM, VolumeKind.USER}) {
      Volume.initGit(kind, volumeRoot(root, kind), author, clock, seed(kind));
    }
    return open(root, systemOverride, clock);
  }

  /** Opens an existing workspace. */
  public static Workspace open(Path root, Optional<Path> systemOverride, Clock clock) {
    if (!Files.isRegularFile(root.resolve(WorkspaceSettings.FILE))) {
      throw new WorkspaceNotFoundException(
          "no LLMos workspace at "
              + root.toAbsolutePath().normalize()
              + " (no "
              + WorkspaceSettings.FILE
              + "); run `llmos init` there, or pass --workspace DIR");
    }
    Optional<Path> systemDirectory = systemDirectory(root, systemOverride);
    Volume system = systemDirectory.map(SystemVolumes::at).orElseGet(SystemVolumes::packaged);
    Volume team =
        Volume.openGit(
            VolumeKind.TEAM, volumeRoot(root, VolumeKind.TEAM), CommitAuthor.DEFAULT, clock);
    Volume user =
        Volume.openGit(
            VolumeKind.USER, volumeRoot(root, VolumeKind.USER), CommitAuthor.DEFAULT, clock);
    KernelConfig kernel = KernelConfig.load(VolumeSet.of(user, team, system));
    CommitAuthor author = kernel.settings().gitAuthor();
    VolumeSet volumes = VolumeSet.of(user.withAuthor(author), team.withAuthor(author), system);
    return new Workspace(root, volumes, kernel, clock, systemDirectory);
  }

  /** Where a writable volume of a workspace lives. */
  public static Path volumeRoot(Path workspaceRoot, VolumeKind kind) {
    return workspaceRoot.resolve("volumes").resolve(kind.label());
  }

  public Path root() {
    return root;
  }

  public VolumeSet volumes() {
    return volumes;
  }

  public Volume volume(VolumeKind kind) {
    return volumes.require(kind);
  }

  public KernelConfig kernel() {
    return kernel;
  }

  public Clock clock() {
    return clock;
  }

  /** Where black-box recordings of robot runs go. */
  public Path runsDirectory() {
    return root.resolve("runs");
  }

  /**
   * The system volume directory in use ({@code --system-volume} or {@code system_volume} in {@code
   * llmos.yaml}); none when the packaged one is in use.
   */
  public Optional<Path> systemDirectory() {
    return systemDirectory;
  }

  /**
   * The system volume opened for writing, for approved promotions. Only a system volume directory
   * that is itself a git repository can be written; the packaged one never can.
   *
   * @throws VolumeException saying how to point the workspace at a git checkout
   */
  public Volume writableSystemVolume() {
    String how =
        "; to change the system volume, point --system-volume (or system_volume in "
            + WorkspaceSettings.FILE
            + ") at a git checkout of the system volume";
    Path dir =
        systemDirectory.orElseThrow(
            () ->
                new VolumeException(
                    "this workspace uses the system volume packaged with LLMos, which is"
                        + " read-only"
                        + how));
    if (!Files.isDirectory(dir.resolve(".git"))) {
      throw new VolumeException(
          "the system volume " + dir + " is not a git repository (it has no .git)" + how);
    }
    return Volume.openGit(VolumeKind.SYSTEM, dir, kernel.settings().gitAuthor(), clock);
  }

  private static Volume systemVolume(Path root, Optional<Path> override) {
    return systemDirectory(root, override)
        .map(SystemVolumes::at)
        .orElseGet(SystemVolumes::packaged);
  }

  private static Optional<Path> systemDirectory(Path root, Optional<Path> override) {
    return override.isPresent() ? override : settings(root).systemVolume();
  }

  /** The workspace's {@code llmos.yaml}, or the defaults when there is none yet. */
  public static WorkspaceSettings settings(Path root) {
    Path file = root.resolve(WorkspaceSettings.FILE);
    if (!Files.isRegularFile(file)) {
      return WorkspaceSettings.DEFAULTS;
    }
    try {
      return WorkspaceSettings.parse(
          file.toString(), Files.readString(file, StandardCharsets.UTF_8), root);
    } catch (IOException e) {
      throw new VolumeException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, byte[]> seed(VolumeKind kind) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String readme =
        "# The "
            + kind.label()
            + " volume\n\n"
            + "Agents (`agents/<name>.md`), skills (`skills/<name>/SKILL.md`) and memory"
            + " (`memory/`) of this "
            + kind.label()
            + ".\nLLMos commits every change here with a message saying why.\n";
    files.put("README.md", readme.getBytes(StandardCharsets.UTF_8));
    return files;
  }
}
