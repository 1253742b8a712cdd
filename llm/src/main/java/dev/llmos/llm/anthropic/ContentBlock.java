package dev.llmos.llm.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One block of a conversation turn: text, a tool call, or a tool's result. */
public sealed interface ContentBlock {
  /** Text from the person or the model. */
  record Text(String text) implements ContentBlock {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * The model's call of a tool.
   *
   * @param id the model's id for this call, which its result refers to
   */
  record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
    public ToolUse {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      input = input.deepCopy();
    }
  }

  /**
   * What a tool call gave back, sent to the model in the next user turn.
   *
   * @param isError true when the call failed; {@code content} then says why, so the model can fix
   *     it
   */
  record ToolResult(String toolUseId, String content, boolean isError) implements ContentBlock {
    public ToolResult {
      Objects.requireNonNull(toolUseId, "toolUseId");
      Objects.requireNonNull(content, "content");
    }
  }
}
