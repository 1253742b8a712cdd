package dev.llmos.llm.openai;

import dev.llmos.llm.chat.ChatModel;
import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.TokenUsage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link ChatModel} behind the OpenAI-compatible chat completions API: llama.cpp's {@code
 * llama-server}, vLLM, Ollama or OpenRouter serving Qwen3-VL-8B (see {@link ServerPreset}).
 *
 * <p>Why the JDK's {@link HttpClient} and Jackson rather than an OpenAI SDK: the llm module gets no
 * dependency tree beyond Jackson, which it has anyway; {@code sendAsync} gives the non-blocking
 * {@link CompletableFuture} API that an RSA population of concurrent samples needs; and the client
 * keeps full control of what matters on a robot, namely one deadline per call across retries, which
 * failures are retried and how long it waits, how many requests are in flight, and the fields each
 * server wants for structured output, none of which an SDK lets one see or change uniformly.
 *
 * <p>Each call POSTs {@code {baseUrl}/chat/completions}. A call may take {@link
 * ClientSettings#timeout()} in all (waiting for a slot, attempts and backoff), else it fails with
 * {@code TIMEOUT}. A 429, a 5xx or a connection failure is retried up to {@link
 * ClientSettings#maxRetries()} times after a deterministic backoff; other statuses fail at once
 * with the server's message. At most {@link ClientSettings#maxConcurrent()} HTTP requests are in
 * flight; further calls queue without blocking the caller. Every call, whatever its end, becomes a
 * {@link CallRecord}: added to {@link #stats()} and handed to the listener before the call's future
 * completes. The API key goes into the {@code Authorization} header and nowhere else: it is cut out
 * of any message that would show it.
 *
 * <p>{@link #close()} ends every queued and in-flight call with {@code CANCELLED}; so does
 * cancelling a call's future. Threads are daemons, so a client left open does not keep the JVM up.
 */
public final class OpenAiChatClient implements ChatModel, AutoCloseable {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final ModelEndpoint endpoint;
  private final ClientSettings settings;
  private final Consumer<CallRecord> listener;
  private final ExecutorService workers;
  private final ScheduledThreadPoolExecutor timers;
  private final HttpClient http;
  private final SlotQueue slots;
  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private final AtomicReference<CallStats> stats = new AtomicReference<>(CallStats.EMPTY);
  private volatile boolean closed;

  /** A client with the default settings. */
  public OpenAiChatClient(ModelEndpoint endpoint) {
    this(endpoint, ClientSettings.DEFAULTS);
  }

  public OpenAiChatClient(ModelEndpoint endpoint, ClientSettings settings) {
    this(endpoint, settings, record -> {});
  }

  /**
   * @param listener told about every call as it ends, before its future completes, on the thread
   *     that ended it; it should be quick, and what it throws is ignored
   */
  public OpenAiChatClient(
      ModelEndpoint endpoint, ClientSettings settings, Consumer<CallRecord> listener) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    int id = CLIENTS.incrementAndGet();
    this.workers = Executors.newCachedThreadPool(daemons("llmos-chat-" + id));
    this.timers = new ScheduledThreadPoolExecutor(1, daemons("llmos-chat-timer-" + id));
    timers.setRemoveOnCancelPolicy(true);
    this.http =
        HttpClient.newBuilder()
            // Local servers speak HTTP/1.1; over TLS (OpenRouter) HTTP/2 is negotiated.
            .version(
                endpoint.baseUri().getScheme().equalsIgnoreCase("https")
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(workers)
            .build();
    this.slots = new SlotQueue(settings.maxConcurrent(), workers);
  }

  public ModelEndpoint endpoint() {
    return endpoint;
  }

  public ClientSettings settings() {
    return settings;
  }

  @Override
  public CompletableFuture<ChatReply> chat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    Call call = new Call(ChatCompletionWire.requestBody(request, endpoint));
    active.add(call);
    var unused =
        call.result.whenComplete(
            (reply, error) -> {
              if (error instanceof CancellationException) {
                call.end(
                    new ModelException(
                        ModelException.Kind.CANCELLED, "the caller cancelled the call"));
              }
            });
    // Checked after registering, so that close() either sees this call or it sees closed.
    if (closed) {
      call.end(new ModelException(ModelException.Kind.CANCELLED, "the client is closed"));
      return call.result;
    }
    try {
      call.deadline =
          timers.schedule(
              () -> workers.execute(call::timeOut),
              settings.timeout().toNanos(),
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      call.end(new ModelException(ModelException.Kind.CANCELLED, "the client is closed"));
      return call.result;
    }
    slots.submit(call::attempt);
    return call.result;
  }

  @Override
  public String describe() {
    return endpoint.describe();
  }

  /** The calls so far, added up. */
  public CallStats stats() {
    return stats.get();
  }

  /** Ends every queued and in-flight call with {@code CANCELLED}; later calls fail the same way. */
  @Override
  public void close() {
    closed = true;
    slots.clear();
    for (Call call : List.copyOf(active)) {
      call.end(new ModelException(ModelException.Kind.CANCELLED, "the client was closed"));
    }
    timers.shutdownNow();
    // Graceful: continuations of the calls just ended still run on these threads.
    workers.shutdown();
  }

  @Override
  public String toString() {
    return "OpenAiChatClient[" + endpoint + ", " + settings + "]";
  }

  /** One call from {@code chat(...)} to its outcome, over as many attempts as it takes. */
  private final class Call {
    final byte[] body;
    final long startNanos = System.nanoTime();
    final long deadlineNanos = startNanos + settings.timeout().toNanos();
    final CompletableFuture<ChatReply> result = new CompletableFuture<>();
    final AtomicBoolean ended = new AtomicBoolean();
    volatile ScheduledFuture<?> deadline;
    volatile CompletableFuture<HttpResponse<String>> inFlight;
    final AtomicInteger attempts = new AtomicInteger();
    volatile long firstAttemptNanos = -1;
    final AtomicLong backoffMs = new AtomicLong();
    volatile int lastStatus = -1;

    Call(byte[] body) {
      this.body = body;
    }

    /** Sends one attempt; runs holding a slot, which goes back when the request is over. */
    void attempt() {
      long remainingNanos = deadlineNanos - System.nanoTime();
      if (ended.get() || remainingNanos <= 0) {
        slots.release();
        timeOut();
        return;
      }
      if (firstAttemptNanos < 0) {
        firstAttemptNanos = System.nanoTime();
      }
      attempts.incrementAndGet();
      CompletableFuture<HttpResponse<String>> sent;
      try {
        sent = http.sendAsync(httpRequest(remainingNanos), HttpResponse.BodyHandlers.ofString());
      } catch (RuntimeException e) {
        slots.release();
        end(
            new ModelException(
                ModelException.Kind.UNREACHABLE,
                -1,
                "could not send a request to " + describe() + ": " + e.getMessage(),
                e));
        return;
      }
      inFlight = sent;
      var unused =
          sent.whenComplete(
              (response, error) -> {
                slots.release();
                answered(response, error);
              });
      // Ended (timed out, closed) while sending: stop the request now.
      if (ended.get()) {
        sent.cancel(true);
      }
    }

    private HttpRequest httpRequest(long remainingNanos) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(endpoint.chatCompletionsUri())
              // The request's own timeout ends it at the call's deadline at the latest.
              .timeout(Duration.ofNanos(remainingNanos))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      endpoint.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
      endpoint.preset().extraHeaders().forEach(builder::header);
      return builder.build();
    }

    private void answered(HttpResponse<String> response, Throwable error) {
      if (ended.get()) {
        return;
      }
      if (error != null) {
        failed(unwrap(error));
        return;
      }
      int status = response.statusCode();
      lastStatus = status;
      String body = response.body() == null ? "" : response.body();
      if (status >= 200 && status < 300) {
        ChatCompletionWire.Completion completion;
        try {
          completion = ChatCompletionWire.parseCompletion(body, endpoint.model());
        } catch (ModelException e) {
          end(e);
          return;
        }
        succeed(completion);
      } else if (status == 429) {
        retryOrEnd(
            ModelException.Kind.RATE_LIMITED,
            status,
            "rate limited by " + describe() + ": " + ChatCompletionWire.errorMessage(body),
            null,
            retryAfterS(response));
      } else if (status >= 500) {
        retryOrEnd(
            ModelException.Kind.HTTP_ERROR,
            status,
            "HTTP " + status + " from " + describe() + ": " + ChatCompletionWire.errorMessage(body),
            null,
            retryAfterS(response));
      } else {
        end(
            new ModelException(
                ModelException.Kind.HTTP_ERROR,
                status,
                "HTTP "
                    + status
                    + " from "
                    + describe()
                    + ": "
                    + ChatCompletionWire.errorMessage(body),
                null));
      }
    }

    private void failed(Throwable cause) {
      if (cause instanceof CancellationException) {
        end(new ModelException(ModelException.Kind.CANCELLED, "the request was cancelled"));
      } else if (cause instanceof HttpTimeoutException) {
        timeOut();
      } else if (cause instanceof IOException) {
        retryOrEnd(
            ModelException.Kind.UNREACHABLE,
            -1,
            "could not reach " + describe() + ": " + describeError(cause),
            cause,
            OptionalLong.empty());
      } else {
        end(
            new ModelException(
                ModelException.Kind.UNREACHABLE,
                -1,
                "the request to " + describe() + " failed: " + describeError(cause),
                cause));
      }
    }

    /** Retries after the backoff if retries and time are left, else ends with this failure. */
    private void retryOrEnd(
        ModelException.Kind kind,
        int status,
        String message,
        Throwable cause,
        OptionalLong retryAfterS) {
      int sent = attempts.get();
      if (sent > settings.maxRetries()) {
        end(new ModelException(kind, status, message + " (" + attemptsText(sent) + ")", cause));
        return;
      }
      long delayMs = settings.backoffMs(sent, retryAfterS);
      long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (delayMs >= remainingMs) {
        // Waiting would pass the deadline: say so now rather than at the deadline.
        end(
            new ModelException(
                ModelException.Kind.TIMEOUT,
                status,
                "no reply from "
                    + describe()
                    + " within "
                    + settings.timeout().toMillis()
                    + " ms: retry "
                    + sent
                    + " would start after the deadline ("
                    + delayMs
                    + " ms backoff, "
                    + Math.max(0, remainingMs)
                    + " ms left); the last failure: "
                    + message,
                cause));
        return;
      }
      backoffMs.addAndGet(delayMs);
      try {
        var unused =
            timers.schedule(() -> slots.submit(this::attempt), delayMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        end(new ModelException(ModelException.Kind.CANCELLED, "the client was closed"));
      }
    }

    void timeOut() {
      end(
          new ModelException(
              ModelException.Kind.TIMEOUT,
              lastStatus,
              "no reply from "
                  + describe()
                  + " within "
                  + settings.timeout().toMillis()
                  + " ms ("
                  + attemptsText(attempts.get())
                  + ")",
              null));
    }

    private void succeed(ChatCompletionWire.Completion completion) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      double latencyMs = elapsedMs();
      int sent = Math.max(1, attempts.get());
      finish(
          new CallRecord(
              latencyMs,
              queueMs(),
              sent,
              backoffMs.get(),
              completion.usage(),
              Optional.empty(),
              OptionalInt.of(lastStatus)));
      result.complete(
          new ChatReply(
              completion.text(),
              completion.finishReason(),
              completion.model(),
              completion.usage(),
              latencyMs,
              sent));
    }

    /** Ends the call with {@code failure} unless it has ended already; stops its request. */
    void end(ModelException failure) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      ModelException shown = redacted(failure);
      finish(
          new CallRecord(
              elapsedMs(),
              queueMs(),
              attempts.get(),
              backoffMs.get(),
              TokenUsage.NONE,
              Optional.of(shown.kind()),
              shown.status()));
      CompletableFuture<HttpResponse<String>> request = inFlight;
      if (request != null && !request.isDone()) {
        request.cancel(true);
      }
      result.completeExceptionally(shown);
    }

    private void finish(CallRecord record) {
      ScheduledFuture<?> timer = deadline;
      if (timer != null) {
        timer.cancel(false);
      }
      active.remove(this);
      stats.updateAndGet(current -> current.plus(record));
      try {
        listener.accept(record);
      } catch (RuntimeException e) {
        // A failing listener must not fail the call it is told about.
      }
    }

    private double elapsedMs() {
      return (System.nanoTime() - startNanos) / 1e6;
    }

    private double queueMs() {
      long first = firstAttemptNanos;
      return first < 0 ? elapsedMs() : (first - startNanos) / 1e6;
    }
  }

  /** The exception with the API key cut out of its message, should a server have echoed it. */
  private ModelException redacted(ModelException failure) {
    Optional<String> key = endpoint.apiKey();
    String message = failure.getMessage();
    if (key.isEmpty() || message == null || !message.contains(key.get())) {
      return failure;
    }
    // The cause is dropped: its message (or its cause's) may hold the key too.
    return new ModelException(
        failure.kind(), failure.status().orElse(-1), message.replace(key.get(), "[API key]"), null);
  }

  /** {@code Retry-After} in whole seconds, when the server gave it so (not as a date). */
  private static OptionalLong retryAfterS(HttpResponse<String> response) {
    Optional<String> value = response.headers().firstValue("Retry-After");
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      double seconds = Double.parseDouble(value.get().strip());
      return seconds >= 0 ? OptionalLong.of((long) Math.ceil(seconds)) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describeError(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : " (" + message + ")");
  }

  private static String attemptsText(int attempts) {
    return attempts == 1 ? "1 attempt" : attempts + " attempts";
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
