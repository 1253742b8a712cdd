package dev.llmos.runtime.blackbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * The recorder of one run: a directory holding {@code trace.jsonl}, an append-only file with one
 * JSON object per line (the header, every tick, world-model snapshots, events), and {@code
 * summary.md} when the run ends. Each line is written to the operating system in one call, so if
 * the process is killed the trace keeps every tick but at most the one being written; readers skip
 * a torn last line. Not thread-safe: the control loop owns it.
 */
public final class BlackBox implements AutoCloseable {
  /** The trace file in a run's directory. */
  public static final String TRACE = "trace.jsonl";

  /** The summary file in a run's directory. */
  public static final String SUMMARY = "summary.md";

  static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final RunHeader header;
  private final FileChannel trace;
  private boolean finished;

  private BlackBox(Path dir, RunHeader header, FileChannel trace) {
    this.dir = dir;
    this.header = header;
    this.trace = trace;
  }

  /**
   * Starts recording a run in {@code runsDir/<runId>}; refuses a directory that already exists, so
   * that no run is ever overwritten.
   */
  public static BlackBox start(Path runsDir, RunHeader header) throws IOException {
    Path dir = runsDir.resolve(header.runId());
    Files.createDirectories(runsDir);
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IOException("run " + header.runId() + " already exists in " + runsDir, e);
    }
    FileChannel trace =
        FileChannel.open(
            dir.resolve(TRACE), StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
    BlackBox box = new BlackBox(dir, header, trace);
    ObjectNode line = JSON.valueToTree(header);
    line.put("type", "header");
    box.append(line);
    return box;
  }

  public Path directory() {
    return dir;
  }

  public RunHeader header() {
    return header;
  }

  /** Appends one tick. */
  public void tick(TickRecord tick) {
    ObjectNode line = JSON.valueToTree(tick);
    line.put("type", "tick");
    append(line);
  }

  /** Appends a world-model snapshot taken at a tick (its compact serialised form). */
  public void snapshot(long tick, byte[] data) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "snapshot");
    line.put("tick", tick);
    line.put("data", Base64.getEncoder().encodeToString(data));
    append(line);
  }

  /** Appends something that happened: a robot event, a planner error, a disconnect. */
  public void event(long tick, String kind, String message) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "event");
    line.put("tick", tick);
    line.put("kind", kind);
    line.put("message", message);
    append(line);
  }

  /**
   * Appends a structured record of some part of the run, such as the whole history of one RSA plan
   * (written with Jackson, so {@code data} is a record or a tree).
   */
  public void detail(long tick, String kind, Object data) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "detail");
    line.put("tick", tick);
    line.put("kind", kind);
    line.set("data", JSON.valueToTree(data));
    append(line);
  }

  /** Ends the run: the summary goes last in the trace and, whole, into {@code summary.md}. */
  public void finish(RunSummary summary) throws IOException {
    if (finished) {
      throw new IllegalStateException("run " + header.runId() + " is already finished");
    }
    ObjectNode line = JSON.valueToTree(summary);
    line.put("type", "summary");
    append(line);
    trace.force(true);
    Path tmp = dir.resolve(SUMMARY + ".tmp");
    Files.writeString(tmp, summary.toMarkdown(header), StandardCharsets.UTF_8);
    try {
      Files.move(
          tmp,
          dir.resolve(SUMMARY),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(SUMMARY), StandardCopyOption.REPLACE_EXISTING);
    }
    finished = true;
  }

  private void append(ObjectNode line) {
    try {
      byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        trace.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the trace of run " + header.runId(), e);
    }
  }

  @Override
  public void close() throws IOException {
    trace.close();
  }
}
