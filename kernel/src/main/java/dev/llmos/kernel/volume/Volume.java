package dev.llmos.kernel.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A volume: a directory of markdown (agents, skills, memory, kernel files) with one rule set for
 * paths and writes.
 *
 * <p>Paths are volume-relative with forward slashes. A path with {@code ..}, an absolute path, or
 * one that reaches through a symbolic link to outside the volume is refused. The system volume is
 * read-only; the team and user volumes are git repositories in which every write is one commit,
 * made under a lock that serialises writers across threads and processes. Files are written to a
 * temporary file and renamed, so a crash never leaves half a file, and a failed commit puts the
 * previous contents back.
 */
public final class Volume {
  private static final String LOCK_FILE = "llmos-write.lock";
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final VolumeKind kind;
  private final Path root;
  private final Path realRoot;
  private final boolean writable;
  private final CommitAuthor author;
  private final Clock clock;

  private Volume(VolumeKind kind, Path root, boolean writable, CommitAuthor author, Clock clock) {
    this.kind = kind;
    this.root = root;
    try {
      this.realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new VolumeException(
          "the " + kind.label() + " volume at " + root + " cannot be read", e);
    }
    this.writable = writable;
    this.author = author;
    this.clock = clock;
  }

  /** A volume that refuses every write, such as the system volume shipped in the distribution. */
  public static Volume readOnly(VolumeKind kind, Path root) {
    if (!Files.isDirectory(root)) {
      throw new VolumeException("the " + kind.label() + " volume " + root + " is not a directory");
    }
    return new Volume(kind, root, false, CommitAuthor.DEFAULT, Clock.systemUTC());
  }

  /** Opens a volume that is a git repository; every write becomes a commit. */
  public static Volume openGit(VolumeKind kind, Path root, CommitAuthor author, Clock clock) {
    if (!Files.isDirectory(root.resolve(".git"))) {
      throw new VolumeException(
          "the "
              + kind.label()
              + " volume "
              + root
              + " is not a git repository; run `llmos init` to create the workspace's volumes");
    }
    return new Volume(kind, root, true, author, clock);
  }

  /**
   * Creates a git repository for a volume (if it is not one already) with a first commit, and opens
   * it.
   */
  public static Volume initGit(
      VolumeKind kind, Path root, CommitAuthor author, Clock clock, Map<String, byte[]> seed) {
    try {
      Files.createDirectories(root);
      if (!Files.isDirectory(root.resolve(".git"))) {
        Git.init().setDirectory(root.toFile()).setInitialBranch("main").call().close();
      }
    } catch (IOException | GitAPIException e) {
      throw new VolumeException("could not create a git repository at " + root, e);
    }
    Volume volume = openGit(kind, root, author, clock);
    if (volume.history(1).isEmpty()) {
      volume.transact(
          "Create the " + kind.label() + " volume\n\nCreated by llmos init.",
          tx -> seed.forEach(tx::put));
    }
    return volume;
  }

  /** The same volume, committing as another author. */
  public Volume withAuthor(CommitAuthor newAuthor) {
    return new Volume(kind, root, writable, newAuthor, clock);
  }

  public VolumeKind kind() {
    return kind;
  }

  public Path root() {
    return root;
  }

  public boolean isWritable() {
    return writable;
  }

  /** Resolves a volume-relative path, refusing anything that would leave the volume. */
  public Path resolve(String relative) {
    Path target = root.resolve(checkRelative(relative));
    checkInside(relative, target);
    return target;
  }

  public boolean exists(String relative) {
    return Files.exists(resolve(relative));
  }

  public boolean isDirectory(String relative) {
    return Files.isDirectory(resolve(relative));
  }

  /** The bytes of a file, or nothing when it does not exist. */
  public Optional<byte[]> read(String relative) {
    Path p = resolve(relative);
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new VolumeException("could not read " + describe(relative) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The bytes of a file of at most {@code maxBytes}, or nothing when it does not exist.
   *
   * @throws FileTooLargeException when the file is larger, before reading it
   */
  public Optional<byte[]> read(String relative, long maxBytes) {
    return readBounded(resolve(relative), relative, maxBytes);
  }

  private Optional<byte[]> readBounded(Path p, String relative, long maxBytes) {
    try (var channel = Files.newByteChannel(p)) {
      long size = channel.size();
      if (size > maxBytes) {
        throw new FileTooLargeException(size, maxBytes);
      }
      byte[] bytes = new byte[(int) size];
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          break;
        }
      }
      // A file that shrank while being read gives what was there.
      return Optional.of(
          buffer.position() == bytes.length
              ? bytes
              : java.util.Arrays.copyOf(bytes, buffer.position()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new VolumeException("could not read " + describe(relative) + ": " + e.getMessage(), e);
    }
  }

  /** The size of a file in bytes, or -1 when it does not exist. */
  public long size(String relative) {
    try {
      return Files.size(resolve(relative));
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new VolumeException("could not read " + describe(relative) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The names of the entries of a directory, sorted; none when it does not exist. Entries that are
   * links pointing outside the volume are left out.
   */
  public List<String> list(String directory) {
    Path dir = directory.isEmpty() ? root : resolve(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        // Hidden entries (.git, .llmos) are the volume's machinery; links out are never followed.
        if (!name.startsWith(".") && isInside(entry)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new VolumeException("could not list " + describe(directory) + ": " + e.getMessage(), e);
    }
    names.sort(Comparator.naturalOrder());
    return List.copyOf(names);
  }

  /** Every file under a directory, as volume-relative paths, sorted. */
  public List<String> listFiles(String directory) {
    List<String> files = new ArrayList<>();
    for (String name : list(directory)) {
      String rel = directory.isEmpty() ? name : directory + "/" + name;
      if (isDirectory(rel)) {
        files.addAll(listFiles(rel));
      } else {
        files.add(rel);
      }
    }
    return files;
  }

  /**
   * Every regular file under a directory, found in one walk that does not follow links out of the
   * volume; hidden entries (names starting with a dot) are left out. Sorted by path.
   */
  public List<VolumeFile> files(String directory) {
    Path start = directory.isEmpty() ? root : resolve(directory);
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<VolumeFile> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(start) && hidden(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (hidden(file)) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isRegularFile()) {
                found.add(new VolumeFile(relative(file), attrs.size()));
              } else if (attrs.isSymbolicLink()
                  && realPathInside(file)
                  && Files.isRegularFile(file)) {
                found.add(new VolumeFile(relative(file), sizeOf(file)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new VolumeException("could not list " + describe(directory) + ": " + e.getMessage(), e);
    }
    found.sort(Comparator.comparing(VolumeFile::path));
    return List.copyOf(found);
  }

  /**
   * The bytes of a file found by {@link #files}, refusing one larger than {@code maxBytes}.
   *
   * @throws FileTooLargeException when the file is larger, before reading it
   */
  public byte[] read(VolumeFile file, long maxBytes) {
    if (file.size() > maxBytes) {
      throw new FileTooLargeException(file.size(), maxBytes);
    }
    return readBounded(root.resolve(file.path()), file.path(), maxBytes)
        .orElseThrow(
            () -> new VolumeException(describe(file.path()) + " disappeared while being read"));
  }

  /** Writes one file as one commit. */
  public Optional<String> write(String relative, byte[] content, String message) {
    return transact(message, tx -> tx.put(relative, content));
  }

  /** Deletes one file or directory as one commit. */
  public Optional<String> delete(String relative, String message) {
    return transact(message, tx -> tx.delete(relative));
  }

  /**
   * Reads and changes files under the volume's write lock and commits all changes at once. Returns
   * the new commit's id, or nothing when the work changed nothing.
   *
   * @param message the commit message: what changed and why
   */
  public Optional<String> transact(String message, Consumer<Transaction> work) {
    requireWritable();
    requireMessage(message);
    return transactDescribing(
        tx -> {
          work.accept(tx);
          return message;
        });
  }

  /**
   * Like {@link #transact(String, Consumer)}, for changes whose commit message depends on what was
   * read under the lock (a counter's new value, say): the work returns the message.
   */
  public Optional<String> transactDescribing(Function<Transaction, String> work) {
    requireWritable();
    ReentrantLock local = LOCKS.computeIfAbsent(realRoot, p -> new ReentrantLock());
    local.lock();
    try (FileChannel channel =
        FileChannel.open(
            realRoot.resolve(".git").resolve(LOCK_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE)) {
      // Held across the work and the commit; released explicitly (closing the channel would also
      // release it) so another process can write as soon as this commit is done.
      FileLock lock = channel.lock();
      try {
        Transaction tx = new Transaction();
        String message = work.apply(tx);
        requireMessage(message);
        if (tx.staged.isEmpty()) {
          return Optional.empty();
        }
        return apply(tx.staged, message);
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new VolumeException("could not lock the " + kind.label() + " volume for writing", e);
    } finally {
      local.unlock();
    }
  }

  private void requireWritable() {
    if (!writable) {
      throw new ReadOnlyVolumeException(
          "the "
              + kind.label()
              + " volume is read-only; write to the user or team volume instead"
              + " (system changes arrive only by an approved promotion)");
    }
  }

  private static void requireMessage(String message) {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("every change to a volume needs a message saying why");
    }
  }

  /** The newest commits first, at most {@code limit}. */
  public List<VolumeCommit> history(int limit) {
    if (!Files.isDirectory(root.resolve(".git"))) {
      return List.of();
    }
    try (Git git = Git.open(root.toFile())) {
      if (git.getRepository().resolve("HEAD") == null) {
        return List.of();
      }
      List<VolumeCommit> out = new ArrayList<>();
      for (RevCommit c : git.log().setMaxCount(limit).call()) {
        PersonIdent who = c.getAuthorIdent();
        out.add(
            new VolumeCommit(
                c.getName(),
                c.getFullMessage().strip(),
                who.getName() + " <" + who.getEmailAddress() + ">",
                who.getWhenAsInstant()));
      }
      return out;
    } catch (IOException | GitAPIException e) {
      throw new VolumeException("could not read the history of the " + kind.label() + " volume", e);
    }
  }

  @Override
  public String toString() {
    return kind.label() + " volume at " + root;
  }

  private Optional<String> apply(Map<String, Optional<byte[]>> staged, String message) {
    Map<String, Optional<byte[]>> previous = new LinkedHashMap<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    try {
      for (var e : staged.entrySet()) {
        String rel = e.getKey();
        Path path = resolve(rel);
        previous.put(rel, read(rel));
        if (e.getValue().isPresent()) {
          writeAtomically(path, e.getValue().get());
          added.add(rel);
        } else {
          Files.deleteIfExists(path);
          removed.add(rel);
          pruneEmptyParents(path.getParent());
        }
      }
      return commit(added, removed, message);
    } catch (IOException | GitAPIException | RuntimeException e) {
      restore(previous);
      throw new VolumeException(
          "could not write to the "
              + kind.label()
              + " volume; nothing was changed: "
              + VolumeException.describe(e),
          e);
    }
  }

  private Optional<String> commit(List<String> added, List<String> removed, String message)
      throws IOException, GitAPIException {
    try (Git git = Git.open(root.toFile())) {
      for (String rel : added) {
        git.add().addFilepattern(rel).call();
      }
      for (String rel : removed) {
        git.rm().setCached(true).addFilepattern(rel).call();
      }
      // Only the paths this change wrote are looked at and committed: anything else a person
      // staged by hand stays theirs to commit.
      var status = git.status();
      added.forEach(status::addPath);
      removed.forEach(status::addPath);
      if (status.call().getUncommittedChanges().isEmpty()) {
        return Optional.empty();
      }
      PersonIdent who =
          new PersonIdent(author.name(), author.email(), clock.instant(), clock.getZone());
      var commit =
          git.commit()
              .setMessage(message.strip() + "\n")
              .setAuthor(who)
              .setCommitter(who)
              .setSign(false)
              .setNoVerify(true)
              .setAllowEmpty(false);
      var head = git.getRepository().resolve("HEAD^{tree}");
      if (head != null) {
        // Git refuses to commit "only" a path it has never seen (a file written by hand and
        // removed by this change before anyone committed it); there is nothing to record for it.
        var index = git.getRepository().readDirCache();
        for (String rel : concat(added, removed)) {
          if (index.findEntry(rel) >= 0
              || TreeWalk.forPath(git.getRepository(), rel, head) != null) {
            commit.setOnly(rel);
          }
        }
      }
      RevCommit c = commit.call();
      return Optional.of(c.getName());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void restore(Map<String, Optional<byte[]>> previous) {
    for (var e : previous.entrySet()) {
      try {
        Path path = resolve(e.getKey());
        if (e.getValue().isPresent()) {
          writeAtomically(path, e.getValue().get());
        } else {
          Files.deleteIfExists(path);
        }
      } catch (IOException | RuntimeException suppressed) {
        // Best effort: the original failure is what the caller needs to see.
      }
    }
    try (Git git = Git.open(root.toFile())) {
      if (git.getRepository().resolve("HEAD") != null) {
        var reset = git.reset();
        previous.keySet().forEach(reset::addPath);
        reset.call();
      }
    } catch (IOException | GitAPIException | RuntimeException suppressed) {
      // The working tree is restored; the index is rebuilt by the next commit.
    }
  }

  private static void writeAtomically(Path path, byte[] content) throws IOException {
    Files.createDirectories(path.getParent());
    Path tmp = Files.createTempFile(path.getParent(), ".llmos-", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(content));
        ch.force(true);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void pruneEmptyParents(Path dir) throws IOException {
    Path d = dir;
    while (d != null && !d.equals(root) && d.startsWith(root) && Files.isDirectory(d)) {
      try (Stream<Path> s = Files.list(d)) {
        if (s.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(d);
      d = d.getParent();
    }
  }

  private String checkRelative(String relative) {
    if (relative == null || relative.isEmpty()) {
      throw new PathEscapeException(
          "an empty path names no file in the " + kind.label() + " volume");
    }
    if (relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0) {
      throw new PathEscapeException(
          "path '" + relative + "' contains a NUL or a backslash; use forward slashes");
    }
    boolean drive =
        relative.length() >= 2
            && Character.isLetter(relative.charAt(0))
            && relative.charAt(1) == ':';
    if (relative.startsWith("/") || drive) {
      throw new PathEscapeException(
          "path '" + relative + "' is absolute; paths are relative to the volume");
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
        throw new PathEscapeException(
            "path '"
                + relative
                + "' has an empty, '.' or '..' part; it must stay inside the "
                + kind.label()
                + " volume");
      }
    }
    return relative;
  }

  private void checkInside(String relative, Path target) {
    if (!isInside(target)) {
      throw new PathEscapeException(
          "path '"
              + relative
              + "' leads outside the "
              + kind.label()
              + " volume through a symbolic link; refused");
    }
  }

  /**
   * True when {@code target} really lies inside the volume. Relative paths carry no {@code ..}, so
   * only a symbolic link can lead out: each existing part is checked with one lstat, and only when
   * a link is met is the real path resolved.
   */
  private boolean isInside(Path target) {
    Path p = root;
    for (Path segment : root.relativize(target)) {
      p = p.resolve(segment.toString());
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return true;
      } catch (IOException e) {
        return false;
      }
      if (attributes.isSymbolicLink()) {
        return realPathInside(target);
      }
    }
    return true;
  }

  private boolean realPathInside(Path target) {
    Path p = target;
    while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      p = p.getParent();
    }
    if (p == null) {
      return false;
    }
    try {
      return p.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      // A dangling link: what it points at cannot be checked, so it is not trusted.
      return false;
    }
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private String describe(String relative) {
    return "'" + relative + "' in the " + kind.label() + " volume";
  }

  /** The reads and writes of one commit. Reads see the transaction's own writes. */
  public final class Transaction {
    private final Map<String, Optional<byte[]>> staged = new LinkedHashMap<>();

    private Transaction() {}

    public Optional<byte[]> read(String relative) {
      Optional<byte[]> mine = staged.get(relative);
      if (mine != null) {
        return mine;
      }
      return Volume.this.read(relative);
    }

    public void put(String relative, byte[] content) {
      resolve(relative);
      staged.put(relative, Optional.of(content.clone()));
    }

    /** Deletes a file, or every file under a directory. */
    public void delete(String relative) {
      if (isDirectory(relative)) {
        for (String file : listFilesIncludingHidden(relative)) {
          staged.put(file, Optional.empty());
        }
      } else {
        resolve(relative);
        staged.put(relative, Optional.empty());
      }
    }

    private List<String> listFilesIncludingHidden(String directory) {
      try (Stream<Path> s = Files.walk(resolve(directory))) {
        return s.filter(Files::isRegularFile)
            .map(p -> root.relativize(p).toString().replace('\\', '/'))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
