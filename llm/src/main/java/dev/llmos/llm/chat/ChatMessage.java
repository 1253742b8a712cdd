package dev.llmos.llm.chat;

import java.util.ArrayList;
import java.util.List;

/** One message of a chat: who says it and its parts, text and images in order. */
public record ChatMessage(Role role, List<ContentPart> parts) {
  public ChatMessage {
    if (role == null) {
      throw new IllegalArgumentException("a message needs a role");
    }
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a message needs at least one part");
    }
  }

  public static ChatMessage system(String text) {
    return new ChatMessage(Role.SYSTEM, List.of(new ContentPart.Text(text)));
  }

  /** A user message: the images first (as Qwen-VL expects), then the text. */
  public static ChatMessage user(String text, List<JpegImage> images) {
    List<ContentPart> parts = new ArrayList<>();
    images.forEach(image -> parts.add(new ContentPart.Image(image)));
    parts.add(new ContentPart.Text(text));
    return new ChatMessage(Role.USER, parts);
  }

  public static ChatMessage user(String text) {
    return user(text, List.of());
  }

  public static ChatMessage assistant(String text) {
    return new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Text(text)));
  }
}
