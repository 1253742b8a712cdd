package dev.llmos.llm.anthropic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The model's turn.
 *
 * @param content its text and tool-call blocks, in order
 * @param stopReason why it stopped, as the API says it: {@code end_turn}, {@code tool_use}, {@code
 *     max_tokens}, ...
 * @param latency from sending the request to having the whole answer, retries included
 */
public record AssistantReply(
    List<ContentBlock> content,
    String stopReason,
    long inputTokens,
    long outputTokens,
    Duration latency) {
  /** The stop reason of a turn that asks for tools to be run. */
  public static final String TOOL_USE = "tool_use";

  public AssistantReply {
    content = List.copyOf(content);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(latency, "latency");
  }

  /** The tool calls, in order. */
  public List<ContentBlock.ToolUse> toolUses() {
    return content.stream()
        .filter(ContentBlock.ToolUse.class::isInstance)
        .map(ContentBlock.ToolUse.class::cast)
        .toList();
  }

  /** The text blocks joined by newlines. */
  public String text() {
    return String.join(
        "\n",
        content.stream()
            .filter(ContentBlock.Text.class::isInstance)
            .map(b -> ((ContentBlock.Text) b).text())
            .toList());
  }
}
