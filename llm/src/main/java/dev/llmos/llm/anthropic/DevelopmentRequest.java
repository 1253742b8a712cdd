package dev.llmos.llm.anthropic;

import java.util.List;
import java.util.Objects;

/**
 * Everything one model call sends: the system prompt, the conversation so far (starting with a user
 * turn) and the tools the model may call.
 */
public record DevelopmentRequest(
    String system, List<ConversationTurn> conversation, List<ToolDefinition> tools) {
  public DevelopmentRequest {
    Objects.requireNonNull(system, "system");
    conversation = List.copyOf(conversation);
    tools = List.copyOf(tools);
    if (conversation.isEmpty() || conversation.get(0).role() != ConversationTurn.Role.USER) {
      throw new IllegalArgumentException("a conversation starts with a user turn");
    }
  }
}
