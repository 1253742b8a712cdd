package dev.llmos.kernel.testing;

import dev.llmos.core.time.ManualClock;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Workspaces, skills and agents for kernel tests. */
public final class Fixtures {
  public static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  private Fixtures() {}

  /** A fresh workspace on the shipped system volume. */
  public static Workspace workspace(Path dir, ManualClock clock) {
    return Workspace.init(dir, Optional.empty(), clock);
  }

  /** A fresh workspace on a system volume directory. */
  public static Workspace workspace(Path dir, Path systemVolume, ManualClock clock) {
    return Workspace.init(dir, Optional.of(systemVolume), clock);
  }

  /** Copies the shipped system volume to a directory, to edit or to make a git checkout of. */
  public static Path copyOfShippedSystemVolume(Path to) throws IOException {
    Path from = SystemVolumes.packaged().root();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    return to;
  }

  /** Makes a directory a git repository with everything in it committed. */
  public static Path commitAll(Path dir) throws GitAPIException {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Maintainer", "maintainer@llmos.invalid");
      git.commit()
          .setMessage("Ship the system volume")
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call();
    }
    return dir;
  }

  /** Writes a small valid skill into a volume as one commit. */
  public static void skill(Workspace ws, VolumeKind volume, String name) {
    String text =
        "---\n"
            + "name: "
            + name
            + "\n"
            + "description: Follows coloured tape on the floor. Use when the robot should track"
            + " tape.\n"
            + "metadata:\n"
            + "  category: navigation\n"
            + "---\n\n"
            + "# "
            + name
            + "\n\nKeep the tape between the two line sensors.\n";
    ws.volume(volume)
        .transact(
            "Create skill " + name,
            tx -> {
              tx.put(SkillSpec.pathOf(name), text.getBytes(StandardCharsets.UTF_8));
              tx.put(
                  SkillSpec.directoryOf(name) + "/references/tape.md",
                  "Use matte tape.\n".getBytes(StandardCharsets.UTF_8));
            });
  }

  /** Writes a small valid specialist agent into a volume as one commit. */
  public static void agent(Workspace ws, VolumeKind volume, String name, String skill) {
    String text =
        "---\n"
            + "name: "
            + name
            + "\n"
            + "description: Checks that a robot's route is clear. Use before a mission.\n"
            + "kind: specialist\n"
            + "version: 1\n"
            + "origin: created\n"
            + "skills: ["
            + skill
            + "]\n"
            + "---\n\n"
            + "You check routes.\n";
    ws.volume(volume)
        .write(AgentSpec.pathOf(name), text.getBytes(StandardCharsets.UTF_8), "Create " + name);
  }
}
