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

/**
 * The runtime LLM for one run: one client (its calls recorded in the run's black box), and the
 * model-backed parts it gives an agent according to its frontmatter: VLM vision for an agent with a
 * target, the VLM instinct for {@code instinct: {mode: vlm}}, the RSA planner for {@code planner:
 * {mode: rsa}}. Each falls back to the offline default when the model fails it.
 */
final class RuntimeModel implements AutoCloseable {
  private final OpenAiChatClient client;
  private final RuntimePolicy policy;
  private final RunDetails details;

  private RuntimeModel(OpenAiChatClient client, RuntimePolicy policy, RunDetails details) {
    this.client = client;
    this.policy = policy;
    this.details = details;
  }

  static RuntimeModel connect(
      ModelEndpoint endpoint, ClientSettings settings, RuntimePolicy policy) {
    RunDetails details = new RunDetails();
    OpenAiChatClient client =
        new OpenAiChatClient(endpoint, settings, call -> details.add("model_call", fields(call)));
    return new RuntimeModel(client, policy, details);
  }

  /** Records made on other threads (model calls, RSA histories), for the run's black box. */
  RunDetails details() {
    return details;
  }

  String describe() {
    return client.describe();
  }

  CallStats stats() {
    return client.stats();
  }

  /**
   * Why the server cannot be used, if it cannot: asked for its models ({@code GET /models}) with a
   * short timeout. A server that does not answer is not fatal: the offline defaults decide.
   */
  Optional<String> unreachable() {
    URI models = URI.create(client.endpoint().baseUri() + "/models");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(models).timeout(Duration.ofSeconds(5)).GET();
    client.endpoint().apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? Optional.empty()
          : Optional.of("GET " + models + " answered " + response.statusCode());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Optional.of("GET " + models + " failed: " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking " + models);
    }
  }

  /** VLM vision for an agent that looks for {@code target}; {@code sizesM} are known widths. */
  Perception perception(String target, Map<String, Double> sizesM) {
    return new VlmDetector(client, List.of(target), sizesM, policy.visionTimeoutS());
  }

  /** The VLM instinct, for an agent whose instinct mode is {@code vlm}. */
  Optional<VlmInstinct> instinct(AgentSpec agent) {
    RobotRuntime runtime = agent.runtime().orElseThrow();
    if (!runtime.instinctMode().equals("vlm")) {
      return Optional.empty();
    }
    double budgetS = runtime.latencyBudgetS().orElse(policy.instinctDefaultLatencyBudgetS());
    return Optional.of(new VlmInstinct(client, agent, budgetS));
  }

  /** The RSA planner over {@code offline}, for an agent whose planner mode is {@code rsa}. */
  Planner planner(AgentSpec agent, Planner offline, long seed) {
    RobotRuntime runtime = agent.runtime().orElseThrow();
    if (!runtime.plannerMode().equals("rsa")) {
      return offline;
    }
    return new RsaPlanner(
        client,
        policy.preset(runtime.plannerPreset().orElse("standard"), 1),
        policy.rsa(),
        agent.document().body(),
        seed,
        offline,
        history -> details.add("rsa", history));
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
    client.close();
  }
}
