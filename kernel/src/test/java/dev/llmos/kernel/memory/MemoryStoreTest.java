package dev.llmos.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryStoreTest {
  @TempDir Path tmp;

  @Test
  void logWritesOneTraceFileAsOneCommit() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Volume user = f.workspace.volume(VolumeKind.USER);
    int commits = user.history(100).size();

    Trace trace =
        f.store.log(
            new NewTrace(
                "wall-avoider",
                "Explore the kitchen",
                "Covered most of the floor",
                0.9,
                42,
                Optional.empty(),
                Optional.empty(),
                "Slow near the chair."));

    assertThat(trace.time()).isEqualTo(MemoryFixture.START);
    assertThat(trace.id()).startsWith("20261125T010203Z-");
    assertThat(trace.path()).isEqualTo("memory/short_term/" + trace.id() + ".md");
    assertThat(user.read(trace.path()))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(trace.toMarkdown()));
    assertThat(f.store.traces()).containsExactly(trace);
    assertThat(user.history(100)).hasSize(commits + 1);
    assertThat(user.history(1).get(0).subject())
        .isEqualTo("Log a trace of wall-avoider: Explore the kitchen");
  }

  @Test
  void theSameWorkTwiceInOneInstantGetsTwoIds() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Trace a = f.log("explorer", "Map the hall", 1);
    Trace b = f.log("explorer", "Map the hall", 1);
    assertThat(a.time()).isEqualTo(b.time());
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(f.store.traces()).hasSize(2);
  }

  @Test
  void parentAndPreviousMustBeLoggedTraces() {
    MemoryFixture f = MemoryFixture.create(tmp);
    Trace first = f.log("explorer", "Map the hall", 0.2);
    f.clock.advance(Duration.ofMinutes(1));
    Trace retry =
        f.store.log(
            new NewTrace(
                "explorer",
                "Map the hall",
                "done",
                1,
                5,
                Optional.empty(),
                Optional.of(first.id()),
                ""));
    assertThat(retry.previous()).contains(first.id());

    assertThatThrownBy(
            () ->
                f.store.log(
                    new NewTrace(
                        "explorer",
                        "Map the hall",
                        "done",
                        1,
                        5,
                        Optional.of("20200101T000000Z-abcdef"),
                        Optional.empty(),
                        "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trace '20200101T000000Z-abcdef' is not in short-term memory");
    assertThatThrownBy(
            () ->
                f.store.log(
                    new NewTrace(
                        "explorer",
                        "Map the hall",
                        "done",
                        1,
                        5,
                        Optional.of("../../x"),
                        Optional.empty(),
                        "")))
        .hasMessageContaining("parent: trace id '../../x' must look like");
    assertThat(f.store.traces()).hasSize(2);
  }

  @Test
  void invalidWorkIsRefusedAndNothingIsWritten() {
    MemoryFixture f = MemoryFixture.create(tmp);
    int commits = f.workspace.volume(VolumeKind.USER).history(100).size();
    assertThatThrownBy(() -> f.store.log(NewTrace.of("explorer", "Map", "done", 1.2, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("success must be from 0 to 1, got 1.2");
    assertThatThrownBy(() -> f.store.log(NewTrace.of("explorer", " ", "done", 1, 5)))
        .hasMessageContaining("goal must not be empty");
    assertThatThrownBy(() -> f.store.log(NewTrace.of("explorer", "Map", "done", 1, -3)))
        .hasMessageContaining("duration_s must be from 0");
    assertThat(f.filesOutsideGit()).noneMatch(p -> p.startsWith("memory/"));
    assertThat(f.workspace.volume(VolumeKind.USER).history(100)).hasSize(commits);
  }

  @Test
  void manyWritesLeaveOnlyWholeFilesAndNoTemporaryOnes() {
    MemoryFixture f = MemoryFixture.create(tmp);
    for (int i = 0; i < 40; i++) {
      f.log("explorer", "Map room " + (i % 4), (i % 10) / 10.0);
      f.clock.advance(Duration.ofSeconds(7));
    }
    assertThat(f.store.traces()).hasSize(40);
    assertThat(f.store.damaged()).isEmpty();
    assertThat(f.filesOutsideGit())
        .noneMatch(p -> p.endsWith(".tmp"))
        .filteredOn(p -> p.startsWith("memory/"))
        .hasSize(40);
  }

  @Test
  void aCrashBeforeTheRenameLeavesNoVisibleHalfFile() throws Exception {
    MemoryFixture f = MemoryFixture.create(tmp);
    Trace whole = f.log("explorer", "Map the hall", 1);
    // What a process killed between writing and renaming leaves: a hidden temporary file.
    byte[] half = java.util.Arrays.copyOf(whole.toMarkdown(), whole.toMarkdown().length / 2);
    Files.write(f.userRoot().resolve("memory/short_term/.llmos-123.tmp"), half);

    assertThat(f.store.traces()).containsExactly(whole);
    assertThat(f.store.damaged()).isEmpty();
  }

  @Test
  void aFailedWriteLeavesNoPartialFile() throws Exception {
    MemoryFixture f = MemoryFixture.create(tmp);
    Volume user = f.workspace.volume(VolumeKind.USER);
    int commits = user.history(100).size();
    // Another git process holds the index: the commit fails after the file was written.
    Path indexLock = f.userRoot().resolve(".git/index.lock");
    Files.writeString(indexLock, "held", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> f.log("explorer", "Map the hall", 1))
        .isInstanceOf(VolumeException.class)
        .hasMessageContaining("nothing was changed");

    assertThat(f.filesOutsideGit()).noneMatch(p -> p.startsWith("memory/") || p.endsWith(".tmp"));
    assertThat(user.history(100)).hasSize(commits);
    Files.delete(indexLock);
    assertThat(f.log("explorer", "Map the hall", 1).id()).isNotEmpty();
    assertThat(f.store.traces()).hasSize(1);
  }

  @Test
  void damagedFilesAreReportedAndSkipped() throws Exception {
    MemoryFixture f = MemoryFixture.create(tmp);
    Trace good = f.log("explorer", "Map the hall", 1);
    Path shortTerm = f.userRoot().resolve("memory/short_term");
    Files.write(
        shortTerm.resolve("20261125T000000Z-000000.md"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2});
    Files.writeString(
        shortTerm.resolve("20261125T000001Z-000001.md"),
        "---\nid: [unclosed\n---\n",
        StandardCharsets.UTF_8);
    Files.createDirectories(f.userRoot().resolve("memory/long_term"));
    Files.write(
        f.userRoot().resolve("memory/long_term/0123456789abcdef.md"),
        new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
    Files.writeString(shortTerm.resolve("notes.txt"), "scratch", StandardCharsets.UTF_8);

    assertThat(f.store.traces()).containsExactly(good);
    assertThat(f.store.learnings()).isEmpty();
    assertThat(f.store.damaged())
        .extracting(DamagedFile::toString)
        .containsExactlyInAnyOrder(
            "memory/short_term/20261125T000000Z-000000.md: line 1: contains a NUL character: this"
                + " is a binary file, not a markdown document",
            "memory/short_term/20261125T000001Z-000001.md: line 3, column 1: malformed YAML:"
                + " expected ',' or ']', but got <stream end> (while parsing a flow sequence)",
            "memory/long_term/0123456789abcdef.md: line 1: is not UTF-8 text (invalid byte 0xff at"
                + " offset 0): markdown documents must be UTF-8",
            "memory/short_term/notes.txt: not a memory file: memory/short_term/ holds only <id>.md"
                + " files; move it away");
    assertThat(f.store.query("hall")).extracting(MemoryHit::id).containsExactly(good.id());
  }
}
