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
}
