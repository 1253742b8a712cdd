package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.config.RuntimePolicy;
import dev.llmos.llm.openai.CallRecord;
import dev.llmos.llm.openai.CallStats;
import dev.llmos.llm.openai.ClientSettings;
import dev.llmos.llm.openai.ModelEndpoint;
import dev.llmos.llm.openai.OpenAiChatClient;
import dev.llmos.runtime.blackbox.RunDetails;
import dev.llmos.runtime.instinct.VlmInstinct;
import dev.llmos.runtime.perception.Perception;
import dev.llmos.runtime.perception.VlmDetector;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.rsa.RsaPlanner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The runtime LLM for one run: its clients (their calls recorded in the run's black box), and the
 * model-backed parts they give an agent according to its frontmatter: VLM vision for an agent with
 * a target, the VLM instinct for {@code instinct: {mode: vlm}}, the RSA planner for {@code planner:
 * {mode: rsa}}. When the model fails them, the rules decide the tick, the classical planner makes
 * the plan, and a frame it could not read leaves the target unknown.
 *
 * <p>Two clients share the server: one for the real-time calls (vision and the instinct, one of
 * each in flight at most) and one for RSA, whose populations would otherwise queue the real-time
 * calls behind them, past their budgets. The server wants slots for both: {@code -np} of {@code
 * max_concurrent} + 2 for llama.cpp.
 */
final class RuntimeModel implements AutoCloseable {
  /** Vision and the instinct: one call of each in flight at a time. */
  private static final int REAL_TIME_SLOTS = 2;

  /** An RSA population's calls all end within the client's timeout; the guard adds a margin. */
  private static final Duration GUARD_MARGIN = Duration.ofSeconds(5);

  private final OpenAiChatClient seeing;
  private final OpenAiChatClient planning;
  private final RuntimePolicy policy;
  private final RunDetails details;
  private final AtomicReference<CallStats> stats;

  private RuntimeModel(
      OpenAiChatClient seeing,
      OpenAiChatClient planning,
      RuntimePolicy policy,
      RunDetails details,
      AtomicReference<CallStats> stats) {
    this.seeing = seeing;
    this.planning = planning;
    this.policy = policy;
    this.details = details;
    this.stats = stats;
  }

  static RuntimeModel connect(
      ModelEndpoint endpoint, ClientSettings settings, RuntimePolicy policy) {
    RunDetails details = new RunDetails();
    AtomicReference<CallStats> stats = new AtomicReference<>(CallStats.EMPTY);
    Consumer<CallRecord> record =
        call -> {
          details.add("model_call", fields(call));
          stats.updateAndGet(s -> s.plus(call));
        };
    return new RuntimeModel(
        new OpenAiChatClient(endpoint, settings.withMaxConcurrent(REAL_TIME_SLOTS), record),
        new OpenAiChatClient(endpoint, settings, record),
        policy,
        details,
        stats);
  }

  /** Records made on other threads (model calls, RSA histories), for the run's black box. */
  RunDetails details() {
    return details;
  }

  String describe() {
    return planning.describe();
  }

  /** Every call of the run so far, both clients together. */
  CallStats stats() {
    return stats.get();
  }

  /**
   * Why the server cannot be used, if it cannot: asked for its models ({@code GET /models}) with a
   * short timeout. A server that does not answer is not fatal: the offline defaults decide.
   */
  Optional<String> unreachable() {
    URI models = URI.create(planning.endpoint().baseUri() + "/models");
    String shown = "GET /models on " + planning.describe();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(models).timeout(Duration.ofSeconds(5)).GET();
    // The key's characters were checked when the endpoint was made, so this cannot quote it.
    planning.endpoint().apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? Optional.empty()
          : Optional.of(shown + " answered " + response.statusCode());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Optional.of(shown + " failed: " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(shown + " was interrupted");
    }
  }

  /** VLM vision for an agent that looks for {@code target}; {@code sizesM} are known widths. */
  Perception perception(String target, Map<String, Double> sizesM) {
    return new VlmDetector(seeing, List.of(target), sizesM, policy.visionTimeoutS());
  }

  /** The VLM instinct, for an agent whose instinct mode is {@code vlm}. */
  Optional<VlmInstinct> instinct(AgentSpec agent) {
    RobotRuntime runtime = agent.runtime().orElseThrow();
    if (!runtime.instinctMode().equals("vlm")) {
      return Optional.empty();
    }
    double budgetS = runtime.latencyBudgetS().orElse(policy.instinctDefaultLatencyBudgetS());
    return Optional.of(new VlmInstinct(seeing, agent, budgetS));
  }

  /** The RSA planner over {@code offline}, for an agent whose planner mode is {@code rsa}. */
  Planner planner(AgentSpec agent, Planner offline, long seed) {
    RobotRuntime runtime = agent.runtime().orElseThrow();
    if (!runtime.plannerMode().equals("rsa")) {
      return offline;
    }
    return new RsaPlanner(
        planning,
        policy.preset(runtime.plannerPreset().orElse("standard"), 1),
        policy.rsa(),
        agent.document().body(),
        seed,
        offline,
        history -> details.add("rsa", history),
        planning.settings().timeout().plus(GUARD_MARGIN));
  }

  /** What a call cost, in the black box's snake case; never the key or the prompt. */
  private static Map<String, Object> fields(CallRecord call) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("latency_ms", call.latencyMs());
    f.put("queue_ms", call.queueMs());
    f.put("attempts", call.attempts());
    f.put("backoff_ms", call.backoffMs());
    f.put("prompt_tokens", call.usage().promptTokens());
    f.put("completion_tokens", call.usage().completionTokens());
    f.put("failure", call.failure().map(k -> k.name().toLowerCase(Locale.ROOT)).orElse(null));
    f.put("status", call.status().isPresent() ? call.status().getAsInt() : null);
    return f;
  }

  @Override
  public void close() {
    seeing.close();
    planning.close();
  }
}
