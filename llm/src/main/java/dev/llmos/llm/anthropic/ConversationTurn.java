package dev.llmos.llm.anthropic;

import java.util.List;
import java.util.Objects;

/**
 * One turn of the conversation so far: the person's (text, or tool results) or the assistant's
 * (text and tool calls).
 */
public record ConversationTurn(Role role, List<ContentBlock> content) {
  /** Who speaks in a turn. */
  public enum Role {
    USER,
    ASSISTANT
  }

  public ConversationTurn {
    Objects.requireNonNull(role, "role");
    content = List.copyOf(content);
    if (content.isEmpty()) {
      throw new IllegalArgumentException("a conversation turn has at least one block");
    }
  }

  /** A user turn of plain text. */
  public static ConversationTurn user(String text) {
    return new ConversationTurn(Role.USER, List.of(new ContentBlock.Text(text)));
  }
}
