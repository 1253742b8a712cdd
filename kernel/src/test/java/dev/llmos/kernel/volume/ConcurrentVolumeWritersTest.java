package dev.llmos.kernel.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Writers racing on one volume: every write must end up as its own commit, none lost. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConcurrentVolumeWritersTest {
  private static final int THREADS = 8;
  private static final int WRITES_PER_THREAD = 10;
  private static final int WRITES_PER_PROCESS = 15;

  @TempDir Path tmp;

  @Test
  void eightThreadsWritingDistinctFilesMakeOneCommitEach() throws Exception {
    Path root = tmp.resolve("user");
    Fixtures.newGitVolume(VolumeKind.USER, root);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<List<String>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  Volume own =
                      Volume.openGit(VolumeKind.USER, root, CommitAuthor.DEFAULT, Fixtures.clock());
                  start.await();
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < WRITES_PER_THREAD; i++) {
                    String path = "agents/t" + thread + "-" + i + ".md";
                    ids.add(
                        own.write(path, Fixtures.utf8(path), "thread " + thread + " write " + i)
                            .orElseThrow());
                  }
                  return ids;
                }));
      }
      start.countDown();
      Set<String> commitIds = new HashSet<>();
      for (Future<List<String>> result : results) {
        commitIds.addAll(result.get());
      }
      assertThat(commitIds).hasSize(THREADS * WRITES_PER_THREAD);
    } finally {
      pool.shutdown();
    }

    Volume volume = Volume.openGit(VolumeKind.USER, root, CommitAuthor.DEFAULT, Fixtures.clock());
    assertThat(volume.history(1000)).hasSize(THREADS * WRITES_PER_THREAD + 1);
    assertThat(volume.listFiles("agents")).hasSize(THREADS * WRITES_PER_THREAD);
    List<String> head = headPaths(root);
    assertThat(head).hasSize(THREADS * WRITES_PER_THREAD + 1).contains("README.md");
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < WRITES_PER_THREAD; i++) {
        assertThat(head).contains("agents/t" + t + "-" + i + ".md");
      }
    }
  }

  @Test
  void twoProcessesWritingAtOnceLoseNothing() throws Exception {
    Path root = tmp.resolve("user");
    Fixtures.newGitVolume(VolumeKind.USER, root);
    Process first = launch(root, "alpha");
    Process second = launch(root, "beta");
    try {
      BufferedReader firstOut = output(first);
      BufferedReader secondOut = output(second);
      awaitLine(firstOut, "ready");
      awaitLine(secondOut, "ready");

      signal(first);
      signal(second);
      String firstRest = rest(firstOut);
      String secondRest = rest(secondOut);

      assertThat(first.waitFor()).as(firstRest).isZero();
      assertThat(second.waitFor()).as(secondRest).isZero();
      assertThat(firstRest).contains("done");
      assertThat(secondRest).contains("done");
    } finally {
      first.destroyForcibly();
      second.destroyForcibly();
    }

    Volume volume = Volume.openGit(VolumeKind.USER, root, CommitAuthor.DEFAULT, Fixtures.clock());
    assertThat(volume.listFiles("memory/short_term")).hasSize(2 * WRITES_PER_PROCESS);
    assertThat(volume.history(1000)).hasSize(2 * WRITES_PER_PROCESS + 1);
    assertThat(headPaths(root)).hasSize(2 * WRITES_PER_PROCESS + 1);
    try (Git git = Git.open(root.toFile())) {
      Repository repo = git.getRepository();
      int commits = 0;
      int previousFiles = Integer.MAX_VALUE;
      for (RevCommit c : git.log().call()) {
        int files = readEveryBlob(repo, c);
        assertThat(files)
            .as("commit %s has one file less than its child", c.getName())
            .isEqualTo(previousFiles == Integer.MAX_VALUE ? files : previousFiles - 1);
        previousFiles = files;
        commits++;
      }
      assertThat(commits).isEqualTo(2 * WRITES_PER_PROCESS + 1);
      assertThat(previousFiles).as("the initial commit holds only the README").isEqualTo(1);
    }
  }

  private static Process launch(Path root, String prefix) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ConcurrentWriterMain.class.getName(),
            root.toString(),
            prefix,
            Integer.toString(WRITES_PER_PROCESS))
        .redirectErrorStream(true)
        .start();
  }

  private static BufferedReader output(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static void awaitLine(BufferedReader out, String expected) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals(expected)) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("the writer ended before saying '" + expected + "':\n" + seen);
  }

  private static void signal(Process p) throws IOException {
    OutputStream in = p.getOutputStream();
    in.write("go\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static String rest(BufferedReader out) throws IOException {
    StringBuilder all = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      all.append(line).append('\n');
    }
    return all.toString();
  }

  /** Reads every blob of a commit's tree and returns how many files it holds. */
  private static int readEveryBlob(Repository repo, RevCommit commit) throws IOException {
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(commit.getTree());
      tw.setRecursive(true);
      int files = 0;
      while (tw.next()) {
        ObjectId blob = tw.getObjectId(0);
        assertThat(repo.open(blob).getBytes()).isNotNull();
        files++;
      }
      return files;
    }
  }

  private static List<String> headPaths(Path root) throws IOException {
    try (Git git = Git.open(root.toFile());
        TreeWalk tw = new TreeWalk(git.getRepository())) {
      Repository repo = git.getRepository();
      tw.addTree(repo.parseCommit(repo.resolve("HEAD")).getTree());
      tw.setRecursive(true);
      List<String> paths = new ArrayList<>();
      while (tw.next()) {
        paths.add(tw.getPathString());
      }
      return paths;
    }
  }
}
