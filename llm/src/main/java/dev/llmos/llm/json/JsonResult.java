package dev.llmos.llm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What {@link LenientJson} made of a model's reply: the JSON it meant, or why none could be read.
 */
public sealed interface JsonResult permits JsonResult.Parsed, JsonResult.Failed {

  /** Whether a JSON value was read. */
  default boolean ok() {
    return this instanceof Parsed;
  }

  /** The value read, empty on failure. */
  default Optional<JsonNode> value() {
    return this instanceof Parsed p ? Optional.of(p.node()) : Optional.empty();
  }

  /**
   * A JSON value read from the reply.
   *
   * @param node the object or array; a fresh tree, the caller's to keep or change
   * @param truncated whether the value was cut short (by the token limit) and closed here, so that
   *     it may lack members the model meant to write
   * @param repairs what was changed to make it JSON, in words, in order; empty when the model wrote
   *     valid JSON (reasoning, fences and prose around it are not repairs)
   */
  record Parsed(JsonNode node, boolean truncated, List<String> repairs) implements JsonResult {
    public Parsed {
      if (node == null) {
        throw new IllegalArgumentException("a parsed result needs its JSON node");
      }
      repairs = List.copyOf(repairs);
      if (truncated && repairs.isEmpty()) {
        throw new IllegalArgumentException("a truncated value was repaired: say how");
      }
    }

    /** Whether anything had to be changed to read it (a cut-short end, trailing commas). */
    public boolean repaired() {
      return !repairs.isEmpty();
    }
  }

  /**
   * No JSON could be read.
   *
   * @param reason what was wrong, for logs and traces
   * @param excerpt a short piece of the reply where it went wrong (whitespace collapsed, at most
   *     {@value LenientJson#EXCERPT_CHARS} characters plus an ellipsis), empty for an empty reply
   */
  record Failed(String reason, String excerpt) implements JsonResult {
    public Failed {
      if (reason == null || reason.isBlank() || excerpt == null) {
        throw new IllegalArgumentException("a failure needs a reason and an excerpt");
      }
    }

    /** The reason with the excerpt, e.g. {@code no JSON object in the reply: "I cannot see..."}. */
    public String describe() {
      return excerpt.isEmpty() ? reason : reason + ": \"" + excerpt + "\"";
    }
  }
}
