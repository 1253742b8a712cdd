package dev.llmos.runtime.blackbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A recorded run read back: its header, ticks, snapshots, events and summary. A run cut short (the
 * process killed) reads as far as its last whole line; {@link #tornLines()} says whether a line was
 * cut.
 *
 * @param directory the run's directory
 * @param header what the run was
 * @param ticks every tick recorded, in order
 * @param snapshots world-model snapshots, in order
 * @param events what happened besides ticks
 * @param summary how the run ended, absent when it never finished
 * @param tornLines lines that could not be read (at most the last one after a kill)
 */
public record RunRecording(
    Path directory,
    RunHeader header,
    List<TickRecord> ticks,
    List<Snapshot> snapshots,
    List<Event> events,
    List<Detail> details,
    Optional<RunSummary> summary,
    int tornLines) {

  /**
   * A world-model snapshot.
   *
   * @param tick the tick it was taken at
   * @param dataBase64 its compact serialised form, as the trace holds it (base64)
   */
  public record Snapshot(long tick, String dataBase64) {
    /** The compact serialised form. */
    public byte[] data() {
      return Base64.getDecoder().decode(dataBase64);
    }
  }

  /**
   * An event of the run.
   *
   * @param tick the tick it happened at
   * @param kind what kind of event
   * @param message its detail
   */
  public record Event(long tick, String kind, String message) {}

  /**
   * A structured record of one part of the run, such as the whole history of one RSA plan.
   *
   * @param tick the tick it was recorded at
   * @param kind what it is, e.g. {@code rsa}
   * @param data its content as JSON
   */
  public record Detail(long tick, String kind, JsonNode data) {}

  /** Reads a run directory; a missing or headless trace is refused with the path. */
  public static RunRecording read(Path dir) throws IOException {
    Path file = dir.resolve(BlackBox.TRACE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "no recorded run in " + dir + " (" + BlackBox.TRACE + " is missing)", e);
    }
    RunHeader header = null;
    List<TickRecord> ticks = new ArrayList<>();
    List<Snapshot> snapshots = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    List<Detail> details = new ArrayList<>();
    RunSummary summary = null;
    int torn = 0;
    for (String line : lines) {
      JsonNode node;
      try {
        node = BlackBox.JSON.readTree(line);
      } catch (JsonProcessingException e) {
        torn++;
        continue;
      }
      if (node == null || !node.has("type")) {
        torn++;
        continue;
      }
      String type = node.get("type").asText();
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("type");
      switch (type) {
        case "header" -> header = BlackBox.JSON.treeToValue(node, RunHeader.class);
        case "tick" -> ticks.add(BlackBox.JSON.treeToValue(node, TickRecord.class));
        case "snapshot" ->
            snapshots.add(new Snapshot(node.get("tick").asLong(), node.get("data").asText()));
        case "event" ->
            events.add(
                new Event(
                    node.get("tick").asLong(),
                    node.get("kind").asText(),
                    node.get("message").asText()));
        case "detail" ->
            details.add(
                new Detail(node.get("tick").asLong(), node.get("kind").asText(), node.get("data")));
        case "summary" -> summary = BlackBox.JSON.treeToValue(node, RunSummary.class);
        default -> torn++;
      }
    }
    if (header == null) {
      throw new IOException(file + " has no header line; it is not an LLMos run trace");
    }
    return new RunRecording(
        dir,
        header,
        List.copyOf(ticks),
        List.copyOf(snapshots),
        List.copyOf(events),
        List.copyOf(details),
        Optional.ofNullable(summary),
        torn);
  }

  /**
   * A run at a glance, for listing many: its header and, once it has finished, its summary.
   *
   * @param summary empty for a run still going or one cut short
   */
  public record Glance(RunHeader header, Optional<RunSummary> summary) {}

  /** The longest a summary line can be; only this much of a trace's end is read. */
  private static final int TAIL_BYTES = 64 * 1024;

  /**
   * Reads only a trace's first line and the end of its last, so listing runs stays quick however
   * long they are.
   */
  public static Glance glance(Path dir) throws IOException {
    Path file = dir.resolve(BlackBox.TRACE);
    RunHeader header;
    try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      JsonNode node = first == null ? null : parseOrNull(first);
      if (node == null || !"header".equals(node.path("type").asText())) {
        throw new IOException(file + " has no header line; it is not an LLMos run trace");
      }
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("type");
      header = BlackBox.JSON.treeToValue(node, RunHeader.class);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "no recorded run in " + dir + " (" + BlackBox.TRACE + " is missing)", e);
    }
    Optional<RunSummary> summary = Optional.empty();
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      long size = channel.size();
      int length = (int) Math.min(size, TAIL_BYTES);
      java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(length);
      while (tail.hasRemaining() && channel.read(tail, size - length + tail.position()) > 0) {
        // Reads until the buffer is full.
      }
      String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).strip();
      String last = text.substring(text.lastIndexOf('\n') + 1);
      JsonNode node = parseOrNull(last);
      if (node != null && "summary".equals(node.path("type").asText())) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("type");
        summary = Optional.of(BlackBox.JSON.treeToValue(node, RunSummary.class));
      }
    }
    return new Glance(header, summary);
  }

  private static JsonNode parseOrNull(String line) {
    try {
      JsonNode node = BlackBox.JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
