package dev.llmos.kernel.memory;

import dev.llmos.kernel.config.MemoryPolicy;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.volume.FileTooLargeException;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A workspace's memory, kept in the user volume: short-term traces of work ({@link Trace}) and
 * long-term learnings ({@link Learning}). Every change is one git commit. Files that cannot be read
 * are reported by {@link #damaged()} and otherwise skipped, so one bad file never hides the rest of
 * memory.
 */
public final class MemoryStore {
  /** The longest query text; a query is a few words, not a document. */
  public static final int MAX_QUERY_CHARS = 1000;

  private final Volume volume;
  private final MemoryPolicy policy;
  private final Clock clock;
  private final int maxDocumentBytes;

  public MemoryStore(Workspace workspace) {
    this.volume = workspace.volume(VolumeKind.USER);
    this.policy = workspace.kernel().memory();
    this.clock = workspace.clock();
    this.maxDocumentBytes = workspace.kernel().settings().maxDocumentBytes();
  }

  /**
   * Remembers a piece of work as a new short-term trace, in one commit.
   *
   * @throws IllegalArgumentException when a field breaks the rules of {@link Trace}, or the parent
   *     or previous trace is not in short-term memory
   */
  public Trace log(NewTrace entry) {
    Instant now = clock.instant();
    // Checks every field before taking the volume's lock; the id is settled under the lock.
    Trace checked = toTrace(entry, Trace.newId(now, entry.agent(), entry.goal(), 0), now);
    List<Trace> logged = new ArrayList<>();
    volume.transact(
        "Log a trace of "
            + checked.agent()
            + ": "
            + checked.goal()
            + "\n\nSuccess "
            + checked.success()
            + " in "
            + checked.durationS()
            + " s. Kept in short-term memory until consolidation and retention.",
        tx -> {
          for (String ref :
              List.of(entry.parent(), entry.previous()).stream()
                  .flatMap(Optional::stream)
                  .toList()) {
            if (tx.read(Trace.path(ref)).isEmpty()) {
              throw new IllegalArgumentException(
                  "trace '"
                      + ref
                      + "' is not in short-term memory; give the id of a logged trace (see `llmos"
                      + " memory query`) or leave it out");
            }
          }
          int nonce = 0;
          String id = checked.id();
          // Same goal, agent and second: raise the nonce until the id is free.
          while (tx.read(Trace.path(id)).isPresent()) {
            id = Trace.newId(now, entry.agent(), entry.goal(), ++nonce);
          }
          Trace trace = toTrace(entry, id, now);
          tx.put(trace.path(), trace.toMarkdown());
          logged.add(trace);
        });
    return logged.get(0);
  }

  /** The readable short-term traces, oldest first. */
  public List<Trace> traces() {
    return scan().traces();
  }

  /** The readable long-term learnings, by id. */
  public List<Learning> learnings() {
    return scan().learnings();
  }

  /** The memory files that could not be read, with the reason for each. */
  public List<DamagedFile> damaged() {
    return scan().damaged();
  }

  /** The most relevant memories, at most {@link MemoryPolicy#queryDefaultLimit()} of them. */
  public List<MemoryHit> query(String text) {
    return query(text, policy.queryDefaultLimit());
  }

  /**
   * The memories most relevant to {@code text}, short- and long-term together, ranked by BM25
   * relevance and then by recency.
   *
   * @throws IllegalArgumentException when the text is empty or too long, or the limit is below 1 or
   *     above the kernel's {@code memory.query.max_limit}
   */
  public List<MemoryHit> query(String text, int limit) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("say what to look for: the query text is empty");
    }
    if (text.length() > MAX_QUERY_CHARS) {
      throw new IllegalArgumentException(
          "the query is "
              + text.length()
              + " characters; at most "
              + MAX_QUERY_CHARS
              + " are allowed. Use a few precise words");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("the limit must be at least 1, got " + limit);
    }
    if (limit > policy.queryMaxLimit()) {
      throw new IllegalArgumentException(
          "a limit of "
              + limit
              + " is above memory.query.max_limit ("
              + policy.queryMaxLimit()
              + ", set in kernel/memory-rules.md); ask for at most "
              + policy.queryMaxLimit()
              + " or use a more precise query");
    }
    Snapshot s = scan();
    return MemoryIndex.search(s.traces(), s.learnings(), text, limit);
  }

  private static Trace toTrace(NewTrace entry, String id, Instant time) {
    return new Trace(
        id,
        time,
        entry.agent(),
        entry.goal(),
        entry.outcome(),
        entry.success(),
        entry.durationS(),
        entry.parent(),
        entry.previous(),
        entry.notes());
  }

  Volume volume() {
    return volume;
  }

  MemoryPolicy policy() {
    return policy;
  }

  Clock clock() {
    return clock;
  }

  /** Everything in memory as it is on disk now. */
  Snapshot scan() {
    List<DamagedFile> damaged = new ArrayList<>();
    List<Trace> traces = read(Trace.DIRECTORY, Trace::parse, damaged);
    traces.sort(Comparator.comparing(Trace::time).thenComparing(Trace::id));
    List<Learning> learnings = read(Learning.DIRECTORY, Learning::parse, damaged);
    learnings.sort(Comparator.comparing(Learning::id));
    return new Snapshot(traces, learnings, damaged);
  }

  private <T> List<T> read(String directory, FileParser<T> parser, List<DamagedFile> damaged) {
    List<T> out = new ArrayList<>();
    for (String path : volume.listFiles(directory)) {
      String name = path.substring(directory.length() + 1);
      if (name.contains("/") || !name.endsWith(".md")) {
        damaged.add(
            new DamagedFile(
                path,
                "not a memory file: " + directory + "/ holds only <id>.md files; move it away"));
        continue;
      }
      try {
        Optional<byte[]> read = volume.read(path, maxDocumentBytes);
        if (read.isEmpty()) {
          continue; // removed by another process since it was listed
        }
        byte[] bytes = read.get();
        out.add(parser.parse(path, bytes, name.substring(0, name.length() - ".md".length())));
      } catch (InvalidDocumentException e) {
        damaged.add(new DamagedFile(path, describe(e.problems())));
      } catch (FileTooLargeException e) {
        damaged.add(
            new DamagedFile(
                path,
                e.size()
                    + " bytes, more than the "
                    + maxDocumentBytes
                    + " a memory file may have"));
      } catch (VolumeException | IllegalArgumentException e) {
        damaged.add(new DamagedFile(path, e.getMessage()));
      }
    }
    return out;
  }

  private static String describe(List<Problem> problems) {
    return problems.stream()
        .map(
            p -> {
              int line = p.where().line();
              int column = p.where().column();
              String at =
                  line == 0
                      ? ""
                      : "line " + line + (column == 0 ? "" : ", column " + column) + ": ";
              return at + p.message();
            })
        .collect(Collectors.joining("; "));
  }

  /** Reads one memory file; {@code expectedId} is its name without {@code .md}. */
  @FunctionalInterface
  private interface FileParser<T> {
    T parse(String source, byte[] bytes, String expectedId);
  }

  /** Memory as read at one moment. */
  record Snapshot(List<Trace> traces, List<Learning> learnings, List<DamagedFile> damaged) {
    Snapshot {
      traces = List.copyOf(traces);
      learnings = List.copyOf(learnings);
      damaged = List.copyOf(damaged);
    }
  }
}
