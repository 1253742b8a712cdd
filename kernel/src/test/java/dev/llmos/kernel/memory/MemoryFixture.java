package dev.llmos.kernel.memory;

import dev.llmos.core.time.ManualClock;
import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A fresh workspace on a simulated clock, optionally with edited kernel memory rules. */
final class MemoryFixture {
  static final Instant START = Instant.parse("2026-11-25T01:02:03Z");

  final ManualClock clock = new ManualClock(START);
  final Workspace workspace;
  final MemoryStore store;

  private MemoryFixture(Path root, Optional<Path> system) {
    this.workspace = Workspace.init(root.resolve("ws"), system, clock);
    this.store = new MemoryStore(workspace);
  }

  static MemoryFixture create(Path root) {
    return new MemoryFixture(root, Optional.empty());
  }

  /**
   * A workspace whose system volume is a copy of the shipped one with {@code memory-rules.md}
   * edited: each {@code from} text replaced by the {@code to} after it.
   */
  static MemoryFixture withMemoryRules(Path root, String... fromTo) {
    Path system = Fixtures.copyShippedSystemVolume(root.resolve("system"));
    Path rules = system.resolve("kernel/memory-rules.md");
    try {
      String text = Files.readString(rules, StandardCharsets.UTF_8);
      for (int i = 0; i < fromTo.length; i += 2) {
        if (!text.contains(fromTo[i])) {
          throw new IllegalArgumentException("memory-rules.md has no '" + fromTo[i] + "'");
        }
        text = text.replace(fromTo[i], fromTo[i + 1]);
      }
      Files.writeString(rules, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MemoryFixture(root, Optional.of(system));
  }

  Path userRoot() {
    return workspace.volume(dev.llmos.kernel.volume.VolumeKind.USER).root();
  }

  Trace log(String agent, String goal, double success) {
    return store.log(
        NewTrace.of(agent, goal, "did " + goal.toLowerCase(java.util.Locale.ROOT), success, 10));
  }

  /** Every file under the user volume outside .git, as relative paths. */
  List<String> filesOutsideGit() {
    try (Stream<Path> s = Files.walk(userRoot())) {
      return s.filter(Files::isRegularFile)
          .map(p -> userRoot().relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(".git/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
