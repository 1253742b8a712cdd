package dev.llmos.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.core.time.ManualClock;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.volume.CommitAuthor;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Shared helpers for the kernel's tests: the shipped system volume, copies of it, edits. */
public final class Fixtures {
  public static final Instant EPOCH = Instant.parse("2026-01-31T12:00:00Z");
  public static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  private Fixtures() {}

  /** The shipped system volume in the repository (tests run in the kernel module's directory). */
  public static Path shippedSystemVolume() {
    return Path.of("..", "volumes", "system");
  }

  /** The kernel settings the shipped system volume defines. */
  public static KernelSettings shippedSettings() {
    return KernelConfig.load(VolumeSet.of(SystemVolumes.packaged())).settings();
  }

  public static ManualClock clock() {
    return new ManualClock(EPOCH);
  }

  /** A copy of the shipped system volume under {@code target}, returned as its root. */
  public static Path copyShippedSystemVolume(Path target) {
    Path source = shippedSystemVolume();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** A fresh git volume with one initial commit holding a README. */
  public static Volume newGitVolume(VolumeKind kind, Path root) {
    return Volume.initGit(
        kind,
        root,
        CommitAuthor.DEFAULT,
        clock(),
        Map.of("README.md", "# test volume\n".getBytes(StandardCharsets.UTF_8)));
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the single occurrence of {@code from} in a file; fails if it is not there once. */
  public static String edit(Path file, String from, String to) {
    String text = read(file);
    int first = text.indexOf(from);
    assertThat(first).as("'%s' occurs in %s", from, file).isNotNegative();
    assertThat(text.indexOf(from, first + 1)).as("'%s' occurs once in %s", from, file).isNegative();
    String edited = text.replace(from, to);
    try {
      Files.writeString(file, edited, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return edited;
  }

  /** The 1-based line of the first line of {@code text} that starts with {@code prefix}. */
  public static int lineStartingWith(String text, String prefix) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starts with '" + prefix + "'");
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh workspace on the shipped system volume. */
  public static Workspace workspace(Path dir, ManualClock clock) {
    return Workspace.init(dir, Optional.empty(), clock);
  }

  /** A fresh workspace on a system volume directory. */
  public static Workspace workspace(Path dir, Path systemVolume, ManualClock clock) {
    return Workspace.init(dir, Optional.of(systemVolume), clock);
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
