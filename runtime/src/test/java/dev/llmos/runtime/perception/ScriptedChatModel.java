package dev.llmos.runtime.perception;

import dev.llmos.llm.chat.ChatModel;
import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.TokenUsage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * An in-process {@link ChatModel} for tests: answers each request as scripted (text with a latency
 * and token counts, an error, a late answer or none) and records the requests and the futures it
 * handed out.
 */
public final class ScriptedChatModel implements ChatModel {
  public static final String DESCRIPTION = "qwen3-vl-8b";
  public static final TokenUsage TOKENS = new TokenUsage(900, 40);

  private final Function<ChatRequest, CompletableFuture<ChatReply>> script;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<ChatReply>> calls = new CopyOnWriteArrayList<>();

  private ScriptedChatModel(Function<ChatRequest, CompletableFuture<ChatReply>> script) {
    this.script = script;
  }

  /** A reply that took {@code latencyMs} by its own account, finished normally. */
  public static ChatReply reply(String text, double latencyMs) {
    return new ChatReply(text, "stop", DESCRIPTION, TOKENS, latencyMs, 1);
  }

  /** A reply cut at the token limit. */
  public static ChatReply truncatedReply(String text, double latencyMs) {
    return new ChatReply(text, "length", DESCRIPTION, TOKENS, latencyMs, 1);
  }

  /** Answers every request with {@code text} at once, reporting 850 ms. */
  public static ScriptedChatModel replying(String text) {
    return replying(reply(text, 850));
  }

  public static ScriptedChatModel replying(ChatReply reply) {
    return new ScriptedChatModel(request -> CompletableFuture.completedFuture(reply));
  }

  /** Answers after a real delay. */
  public static ScriptedChatModel replyingAfter(Duration delay, ChatReply reply) {
    return new ScriptedChatModel(
        request ->
            CompletableFuture.supplyAsync(
                () -> reply,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)));
  }

  public static ScriptedChatModel failing(ModelException error) {
    return new ScriptedChatModel(request -> CompletableFuture.failedFuture(error));
  }

  /** Never answers. */
  public static ScriptedChatModel silent() {
    return new ScriptedChatModel(request -> new CompletableFuture<>());
  }

  /** Breaks its contract by throwing instead of failing its future. */
  public static ScriptedChatModel throwing(RuntimeException error) {
    return new ScriptedChatModel(
        request -> {
          throw error;
        });
  }

  @Override
  public CompletableFuture<ChatReply> chat(ChatRequest request) {
    requests.add(request);
    CompletableFuture<ChatReply> call = script.apply(request);
    calls.add(call);
    return call;
  }

  @Override
  public String describe() {
    return DESCRIPTION;
  }

  public List<ChatRequest> requests() {
    return requests;
  }

  /** The futures handed out, in order. */
  public List<CompletableFuture<ChatReply>> calls() {
    return calls;
  }

  /** A real JPEG image of the given size, for camera frames. */
  public static byte[] jpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
