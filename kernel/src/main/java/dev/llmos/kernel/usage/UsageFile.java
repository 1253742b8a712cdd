package dev.llmos.kernel.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A volume's {@code .llmos/usage.json}: how often each agent and skill of that volume was used and
 * how often it succeeded. Kept apart from the markdown so that counting uses never edits what a
 * person wrote. Keys are sorted on write so that each change is a small diff.
 *
 * <pre>{@code
 * {
 *   "version" : 1,
 *   "items" : {
 *     "skill:obstacle-avoidance" : {
 *       "uses" : 6, "successes" : 5,
 *       "first_used" : "2026-01-01T10:00:00Z", "last_used" : "2026-01-02T09:30:00Z"
 *     }
 *   }
 * }
 * }</pre>
 */
public record UsageFile(Map<UsageKey, UsageStats> items) {
  /** Where the file lives in a volume. */
  public static final String PATH = ".llmos/usage.json";

  private static final int VERSION = 1;
  private static final Set<String> TOP_FIELDS = Set.of("version", "items");
  private static final Set<String> ITEM_FIELDS =
      Set.of("uses", "successes", "first_used", "last_used");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public static final UsageFile EMPTY = new UsageFile(Map.of());

  public UsageFile {
    items = Map.copyOf(items);
  }

  public Optional<UsageStats> get(UsageKey key) {
    return Optional.ofNullable(items.get(key));
  }

  /** This file with one item's record replaced. */
  public UsageFile with(UsageKey key, UsageStats stats) {
    Map<UsageKey, UsageStats> copy = new TreeMap<>(items);
    copy.put(key, stats);
    return new UsageFile(copy);
  }

  /** This file without an item's record. */
  public UsageFile without(UsageKey key) {
    Map<UsageKey, UsageStats> copy = new TreeMap<>(items);
    copy.remove(key);
    return new UsageFile(copy);
  }

  /** The items sorted by key. */
  public Map<UsageKey, UsageStats> sorted() {
    return new TreeMap<>(items);
  }

  /**
   * Reads a usage file, refusing it whole with the file and the reason when it is damaged.
   *
   * @param source the name used in errors, such as {@code user:.llmos/usage.json}
   */
  public static UsageFile parse(String source, byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      throw new InvalidDocumentException(
          where == null
              ? SourceLocation.of(source)
              : new SourceLocation(
                  source, Math.max(0, where.getLineNr()), Math.max(0, where.getColumnNr())),
          "is not valid JSON: " + e.getOriginalMessage() + corruptHint());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw corrupt(source, "must hold a JSON object with 'version' and 'items'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_FIELDS.contains(field)) {
        throw corrupt(source, "unknown field '" + field + "'; expected version and items");
      }
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.intValue() != VERSION) {
      throw corrupt(source, "field 'version' must be " + VERSION);
    }
    JsonNode items = root.get("items");
    if (items == null || !items.isObject()) {
      throw corrupt(source, "field 'items' must be an object of kind:name keys");
    }
    Map<UsageKey, UsageStats> out = new TreeMap<>();
    for (var entry : items.properties()) {
      out.put(key(source, entry.getKey()), stats(source, entry.getKey(), entry.getValue()));
    }
    return new UsageFile(out);
  }

  /** The file's bytes: pretty-printed JSON with sorted keys and a final newline. */
  public byte[] toBytes() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    ObjectNode items = root.putObject("items");
    sorted()
        .forEach(
            (key, stats) -> {
              ObjectNode item = items.putObject(key.key());
              item.put("uses", stats.uses());
              item.put("successes", stats.successes());
              item.put("first_used", stats.firstUsed().toString());
              item.put("last_used", stats.lastUsed().toString());
            });
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a usage file could not be written as JSON", e);
    }
  }

  private static UsageKey key(String source, String key) {
    try {
      return UsageKey.parse(key);
    } catch (IllegalArgumentException e) {
      throw corrupt(source, "item key '" + key + "': " + e.getMessage());
    }
  }

  private static UsageStats stats(String source, String key, JsonNode item) {
    if (!item.isObject()) {
      throw corrupt(source, "item '" + key + "' must be an object");
    }
    for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!ITEM_FIELDS.contains(field)) {
        throw corrupt(
            source,
            "item '"
                + key
                + "' has unknown field '"
                + field
                + "'; expected uses, successes, first_used, last_used");
      }
    }
    int uses = count(source, key, item, "uses");
    int successes = count(source, key, item, "successes");
    Instant first = instant(source, key, item, "first_used");
    Instant last = instant(source, key, item, "last_used");
    try {
      return new UsageStats(uses, successes, first, last);
    } catch (IllegalArgumentException e) {
      throw corrupt(source, "item '" + key + "': " + e.getMessage());
    }
  }

  private static int count(String source, String key, JsonNode item, String field) {
    JsonNode n = item.get(field);
    if (n == null || !n.isInt() || n.intValue() < 0) {
      throw corrupt(
          source, "item '" + key + "': field '" + field + "' must be a whole number, 0 or more");
    }
    return n.intValue();
  }

  private static Instant instant(String source, String key, JsonNode item, String field) {
    JsonNode n = item.get(field);
    try {
      if (n != null && n.isTextual()) {
        return Instant.parse(n.textValue());
      }
    } catch (DateTimeParseException e) {
      // Falls through to the refusal below, which says what is expected.
    }
    throw corrupt(
        source,
        "item '"
            + key
            + "': field '"
            + field
            + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
  }

  private static InvalidDocumentException corrupt(String source, String reason) {
    return new InvalidDocumentException(SourceLocation.of(source), reason + corruptHint());
  }

  private static String corruptHint() {
    return " (the file was left as it is: fix it by hand or restore it from the volume's git"
        + " history)";
  }
}
