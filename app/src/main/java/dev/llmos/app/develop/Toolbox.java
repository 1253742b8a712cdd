package dev.llmos.app.develop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.llm.anthropic.ToolDefinition;
import java.util.List;

/** The tools a development model may call, and running them. */
public interface Toolbox {
  /** The tools offered to the model, in a stable order. */
  List<ToolDefinition> tools();

  /**
   * Runs one tool call. A call that fails (unknown tool, bad input, an agent that does not
   * validate) is an error result that says why, never an exception: the model reads it and fixes
   * its next call.
   */
  ToolOutcome call(String name, JsonNode input);
}
