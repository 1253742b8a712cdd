package dev.llmos.llm.chat;

import java.util.concurrent.CompletableFuture;

/**
 * A chat model reached over some API. Calls never block the caller: the reply, or a {@link
 * ModelException} saying what went wrong, completes the future.
 */
public interface ChatModel {
  /** Sends one request; completes with the reply or exceptionally with a {@link ModelException}. */
  CompletableFuture<ChatReply> chat(ChatRequest request);

  /** What this model is, for records and messages: model name and server, never a key. */
  String describe();
}
