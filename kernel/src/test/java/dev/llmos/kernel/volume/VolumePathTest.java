package dev.llmos.kernel.volume;

import static dev.llmos.kernel.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumePathTest {
  @TempDir Path tmp;

  private Volume volume;
  private Path outside;

  @BeforeEach
  void createVolumeAndAnOutsideDirectory() throws IOException {
    volume = Fixtures.newGitVolume(VolumeKind.USER, tmp.resolve("user"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret", StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "a/../../x",
        "a/..",
        "./x",
        "/etc/passwd",
        "C:/x",
        "c:x",
        "a\\b",
        "..\\x",
        "a//b",
        "a/",
        "/",
        ""
      })
  void pathsThatCouldLeaveTheVolumeAreRefusedForEveryOperation(String path) {
    int commits = volume.history(100).size();

    assertThatThrownBy(() -> volume.resolve(path)).isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> volume.read(path)).isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> volume.write(path, utf8("x"), "escape"))
        .isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> volume.delete(path, "escape")).isInstanceOf(PathEscapeException.class);

    assertThat(volume.history(100)).hasSize(commits);
    assertThat(outside.resolve("x")).doesNotExist();
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void aNulInAPathIsRefused() {
    assertThatThrownBy(() -> volume.resolve("a\0b"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void aSymbolicLinkToADirectoryOutsideIsNeitherReadNorWrittenNorListed() throws IOException {
    Files.createSymbolicLink(volume.root().resolve("out"), outside);

    assertThatThrownBy(() -> volume.read("out/secret.txt"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> volume.write("out/planted.md", utf8("x"), "plant"))
        .isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> volume.write("out/secret.txt", utf8("x"), "overwrite"))
        .isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> volume.delete("out/secret.txt", "remove"))
        .isInstanceOf(PathEscapeException.class);

    assertThat(volume.list("")).doesNotContain("out").contains("README.md");
    assertThat(volume.listFiles("")).noneMatch(f -> f.startsWith("out"));
    assertThat(outside.resolve("planted.md")).doesNotExist();
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    assertThat(volume.history(100)).hasSize(1);
  }

  @Test
  void aSymbolicLinkToAFileOutsideIsNeitherReadNorWrittenNorListed() throws IOException {
    Files.createDirectories(volume.root().resolve("agents"));
    Files.createSymbolicLink(
        volume.root().resolve("agents/leak.md"), outside.resolve("secret.txt"));

    assertThatThrownBy(() -> volume.read("agents/leak.md")).isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> volume.size("agents/leak.md")).isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> volume.write("agents/leak.md", utf8("x"), "overwrite"))
        .isInstanceOf(PathEscapeException.class);

    assertThat(volume.list("agents")).isEmpty();
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
  }

  @Test
  void aDanglingSymbolicLinkIsNotTrusted() throws IOException {
    Files.createSymbolicLink(volume.root().resolve("gone"), tmp.resolve("nowhere"));

    assertThatThrownBy(() -> volume.write("gone", utf8("x"), "write through"))
        .isInstanceOf(PathEscapeException.class);
    assertThat(tmp.resolve("nowhere")).doesNotExist();
    assertThat(volume.list("")).doesNotContain("gone");
  }

  @Test
  void aSymbolicLinkThatStaysInsideIsFollowed() throws IOException {
    volume.write("agents/a.md", utf8("inside"), "add a");
    Files.createSymbolicLink(volume.root().resolve("alias"), volume.root().resolve("agents"));

    assertThat(volume.read("alias/a.md"))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("inside")));
    assertThat(volume.list("")).contains("alias", "agents");
  }

  @Test
  void ordinaryNestedPathsResolveInsideTheVolume() {
    assertThat(volume.resolve("skills/patrol/SKILL.md"))
        .isEqualTo(volume.root().resolve("skills/patrol/SKILL.md"));
    assertThat(volume.resolve("notes..md")).isEqualTo(volume.root().resolve("notes..md"));
  }

  @Test
  void hiddenEntriesSuchAsGitAreNotListed() {
    assertThat(volume.list("")).doesNotContain(".git").containsExactly("README.md");
  }
}
