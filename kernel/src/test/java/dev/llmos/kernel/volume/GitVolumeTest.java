package dev.llmos.kernel.volume;

import static dev.llmos.kernel.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitVolumeTest {
  @TempDir Path tmp;

  private Volume volume;

  @BeforeEach
  void createVolume() {
    volume = Fixtures.newGitVolume(VolumeKind.USER, tmp.resolve("user"));
  }

  @Test
  void aNewVolumeHasOneInitialCommitOnMain() throws IOException {
    List<VolumeCommit> history = volume.history(10);

    assertThat(history).hasSize(1);
    assertThat(history.get(0).subject()).isEqualTo("Create the user volume");
    assertThat(history.get(0).author()).isEqualTo("LLMos <llmos@localhost>");
    assertThat(history.get(0).time()).isEqualTo(Fixtures.EPOCH);
    try (Git git = Git.open(volume.root().toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
    }
  }

  @Test
  void everyWriteIsOneCommitWithTheMessageGiven() throws IOException {
    Optional<String> first =
        volume.write("agents/rover.md", utf8("first\n"), "Create rover\n\nBecause we need it.");
    Optional<String> second = volume.write("agents/rover.md", utf8("second\n"), "Evolve rover");

    List<VolumeCommit> history = volume.history(10);
    assertThat(history).hasSize(3);
    assertThat(history.get(0).id()).isEqualTo(second.orElseThrow());
    assertThat(history.get(0).message()).isEqualTo("Evolve rover");
    assertThat(history.get(1).id()).isEqualTo(first.orElseThrow());
    assertThat(history.get(1).message()).isEqualTo("Create rover\n\nBecause we need it.");
    assertThat(history.get(1).subject()).isEqualTo("Create rover");
    assertThat(volume.read("agents/rover.md"))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("second\n")));
    assertThat(headFile("agents/rover.md")).hasValue("second\n");
    assertThat(fileAt(first.orElseThrow(), "agents/rover.md")).hasValue("first\n");
    assertThat(headIsClean()).isTrue();
  }

  @Test
  void anUnchangedWriteMakesNoCommit() {
    volume.write("notes.md", utf8("same\n"), "Add notes");

    Optional<String> again = volume.write("notes.md", utf8("same\n"), "Add notes again");

    assertThat(again).isEmpty();
    assertThat(volume.history(10)).hasSize(2);
  }

  @Test
  void aTransactionWithNoChangesMakesNoCommit() {
    Optional<String> none = volume.transact("Nothing", tx -> tx.read("README.md"));

    assertThat(none).isEmpty();
    assertThat(volume.history(10)).hasSize(1);
  }

  @Test
  void aTransactionIsOneCommitAndSeesItsOwnWrites() throws IOException {
    AtomicReference<String> seen = new AtomicReference<>();

    Optional<String> id =
        volume.transact(
            "Add two",
            tx -> {
              tx.put("a.md", utf8("a\n"));
              seen.set(new String(tx.read("a.md").orElseThrow(), StandardCharsets.UTF_8));
              tx.put("b.md", utf8("b\n"));
            });

    assertThat(id).isPresent();
    assertThat(seen.get()).isEqualTo("a\n");
    assertThat(volume.history(10)).hasSize(2);
    assertThat(headFile("a.md")).hasValue("a\n");
    assertThat(headFile("b.md")).hasValue("b\n");
  }

  @Test
  void deletingADirectoryRemovesAllItsFilesInOneCommit() throws IOException {
    volume.transact(
        "Record three traces",
        tx -> {
          tx.put("memory/short_term/a.md", utf8("a"));
          tx.put("memory/short_term/b.md", utf8("b"));
          tx.put("memory/long_term/c.md", utf8("c"));
        });
    volume.write("agents/keep.md", utf8("keep"), "Add an agent");

    Optional<String> id = volume.delete("memory", "Forget everything");

    assertThat(id).isPresent();
    assertThat(volume.history(10)).hasSize(4);
    assertThat(volume.history(1).get(0).message()).isEqualTo("Forget everything");
    assertThat(volume.exists("memory")).isFalse();
    assertThat(headPaths()).containsExactlyInAnyOrder("README.md", "agents/keep.md");
    assertThat(headIsClean()).isTrue();
  }

  @Test
  void deletingOneFileIsOneCommit() throws IOException {
    volume.write("agents/a.md", utf8("a"), "Add a");

    volume.delete("agents/a.md", "Remove a");

    assertThat(volume.history(10)).hasSize(3);
    assertThat(volume.exists("agents/a.md")).isFalse();
    assertThat(headPaths()).containsExactly("README.md");
  }

  @Test
  void aFailedTransactionLeavesFilesUnchangedAndMakesNoCommit() throws IOException {
    volume.write("agents/a.md", utf8("original"), "Add a");
    List<VolumeCommit> before = volume.history(10);

    assertThatThrownBy(
            () ->
                volume.transact(
                    "Half a change",
                    tx -> {
                      tx.put("agents/a.md", utf8("changed"));
                      tx.put("agents/b.md", utf8("new"));
                      throw new IllegalStateException("the work failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the work failed");

    assertThat(volume.read("agents/a.md"))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("original")));
    assertThat(volume.exists("agents/b.md")).isFalse();
    assertThat(volume.history(10)).isEqualTo(before);
    assertThat(headIsClean()).isTrue();
  }

  @Test
  void theVolumeStillTakesWritesAfterAFailedTransaction() {
    assertThatThrownBy(
            () ->
                volume.transact(
                    "Fails",
                    tx -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(volume.write("a.md", utf8("a"), "Works")).isPresent();
  }

  @Test
  void aBlankMessageIsRefused() {
    assertThatThrownBy(() -> volume.write("a.md", utf8("a"), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message");
    assertThat(volume.exists("a.md")).isFalse();
  }

  @Test
  void atomicWritesLeaveNoTemporaryFiles() throws IOException {
    for (int i = 0; i < 5; i++) {
      volume.write("agents/a" + i + ".md", utf8("v" + i), "Write " + i);
      volume.write("agents/a" + i + ".md", utf8("w" + i), "Rewrite " + i);
    }
    volume.delete("agents/a0.md", "Remove one");

    try (Stream<Path> files = Files.walk(volume.root())) {
      List<String> names =
          files
              .filter(p -> !p.startsWith(volume.root().resolve(".git")))
              .map(p -> p.getFileName().toString())
              .toList();
      assertThat(names).noneMatch(n -> n.startsWith(".llmos-") || n.endsWith(".tmp"));
    }
  }

  @Test
  void openingADirectoryThatIsNotARepositoryIsRefused() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));

    assertThatThrownBy(
            () -> Volume.openGit(VolumeKind.TEAM, plain, CommitAuthor.DEFAULT, Fixtures.clock()))
        .isInstanceOf(VolumeException.class)
        .hasMessageContaining("not a git repository")
        .hasMessageContaining("llmos init");
  }

  @Test
  void commitsUseTheVolumesAuthor() {
    Volume other = volume.withAuthor(new CommitAuthor("Ada", "ada@example.org"));

    other.write("a.md", utf8("a"), "By Ada");

    assertThat(volume.history(1).get(0).author()).isEqualTo("Ada <ada@example.org>");
  }

  private Optional<String> headFile(String path) throws IOException {
    try (Git git = Git.open(volume.root().toFile())) {
      return fileAt(git.getRepository(), git.getRepository().resolve("HEAD"), path);
    }
  }

  private Optional<String> fileAt(String commit, String path) throws IOException {
    try (Git git = Git.open(volume.root().toFile())) {
      return fileAt(git.getRepository(), ObjectId.fromString(commit), path);
    }
  }

  private static Optional<String> fileAt(Repository repo, ObjectId commit, String path)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
        if (tw == null) {
          return Optional.empty();
        }
        return Optional.of(
            new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  private List<String> headPaths() throws IOException {
    try (Git git = Git.open(volume.root().toFile());
        RevWalk walk = new RevWalk(git.getRepository());
        TreeWalk tw = new TreeWalk(git.getRepository())) {
      tw.addTree(walk.parseCommit(git.getRepository().resolve("HEAD")).getTree());
      tw.setRecursive(true);
      List<String> paths = new ArrayList<>();
      while (tw.next()) {
        paths.add(tw.getPathString());
      }
      return paths;
    }
  }

  private boolean headIsClean() {
    try (Git git = Git.open(volume.root().toFile())) {
      return git.status().call().isClean();
    } catch (IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aWriteCommitsOnlyItsOwnPathsAndLeavesWhatAPersonStagedAlone() throws Exception {
    Files.writeString(volume.root().resolve("notes.md"), "mine\n", StandardCharsets.UTF_8);
    try (Git git = Git.open(volume.root().toFile())) {
      git.add().addFilepattern("notes.md").call();
    }

    String id = volume.write("agents/rover.md", utf8("rover\n"), "Create rover").orElseThrow();

    try (Git git = Git.open(volume.root().toFile())) {
      Repository repo = git.getRepository();
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit commit = walk.parseCommit(ObjectId.fromString(id));
        assertThat(TreeWalk.forPath(repo, "agents/rover.md", commit.getTree())).isNotNull();
        assertThat(TreeWalk.forPath(repo, "notes.md", commit.getTree())).isNull();
      }
      assertThat(git.status().call().getAdded()).containsExactly("notes.md");
    }
    assertThat(volume.write("agents/rover.md", utf8("rover\n"), "Unchanged")).isEmpty();
  }

  @Test
  void movingAHandWrittenFileThatWasNeverCommittedIsOneCommit() throws Exception {
    Path draft = volume.root().resolve("skills/draft/SKILL.md");
    Files.createDirectories(draft.getParent());
    Files.writeString(draft, "draft\n", StandardCharsets.UTF_8);

    String id =
        volume
            .transact(
                "Move draft",
                tx -> {
                  tx.put("skills/kept/SKILL.md", tx.read("skills/draft/SKILL.md").orElseThrow());
                  tx.delete("skills/draft");
                })
            .orElseThrow();

    assertThat(draft).doesNotExist();
    assertThat(volume.history(1).get(0).id()).isEqualTo(id);
    assertThat(volume.read("skills/kept/SKILL.md")).contains(utf8("draft\n"));
  }
}
