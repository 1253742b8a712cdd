package dev.llmos.llm.chat;

import java.util.Locale;

/** Who says a message, as the chat completions API names it. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT;

  /** The name on the wire, such as {@code user}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
