package dev.llmos.runtime.instinct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.rules.Rule;
import dev.llmos.kernel.rules.ValueType;
import dev.llmos.llm.chat.ChatMessage;
import dev.llmos.llm.chat.ChatModel;
import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.ResponseFormat;
import dev.llmos.llm.chat.TokenUsage;
import dev.llmos.llm.json.JsonResult;
import dev.llmos.llm.json.LenientJson;
import dev.llmos.runtime.instinct.InstinctReply.FaultKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The VLM instinct: one pass of a vision-language model per camera frame chooses the robot's next
 * action. The agent's markdown body is the system prompt; the user message carries the frame, the
 * goal and target, the current named readings, the agent's parameters and rules (as guidance) and
 * the allowed actions in the rules' vocabulary, and asks, with a JSON schema, for
 *
 * <pre>{@code
 * {"action": "twist", "args": {"v_mps": 0.1, "omega_radps": 0.5}, "reason": "ball left of centre"}
 * }</pre>
 *
 * The reply is read leniently ({@link LenientJson}) and checked: a known, allowed action (not
 * {@code set_led}: lights are the rules' business); exactly its arguments, by name (a list in the
 * parameters' order is also read, as some agents' prompts ask for one); finite numbers; {@code
 * |v_mps|} at most {@value #MAX_SPEED_MPS} m/s (and not negative for {@code forward} or {@code
 * backward}, whose name gives the direction), {@code |omega_radps|} at most {@value
 * #MAX_TURN_RATE_RADPS} rad/s, {@code |angle_rad|} at most 2π. These are sanity bounds on what the
 * model says; the safety validator still checks every command against the robot's limits.
 *
 * <p>A reply later than the latency budget is a fault even when valid: its scene has moved on. The
 * decision completes at the budget at the latest (with a {@code late} fault, cancelling the call).
 *
 * <p>Immutable and thread-safe.
 */
public final class VlmInstinct {
  /** The fastest speed the model may ask for, m/s. */
  public static final double MAX_SPEED_MPS = 1;

  /** The fastest turn rate the model may ask for, rad/s. */
  public static final double MAX_TURN_RATE_RADPS = 6;

  /** The largest turn on the spot the model may ask for, radians. */
  public static final double MAX_ANGLE_RAD = 2 * Math.PI;

  /** The most tokens a reply may take: an action, its arguments and a sentence of reason. */
  public static final int DEFAULT_MAX_TOKENS = 256;

  /** What the model may choose from: every rule action but {@code set_led}. */
  public static final List<ActionKind> ALLOWED =
      List.of(
          ActionKind.FORWARD,
          ActionKind.BACKWARD,
          ActionKind.ROTATE,
          ActionKind.TWIST,
          ActionKind.STOP,
          ActionKind.FOLLOW_PLAN,
          ActionKind.PLAN_TO_FRONTIER,
          ActionKind.PLAN_TO_TARGET,
          ActionKind.PLAN_HOME);

  private static final Map<ActionKind, String> MEANINGS = new EnumMap<>(ActionKind.class);

  static {
    MEANINGS.put(ActionKind.FORWARD, "drive straight ahead at v_mps m/s (0 to 1)");
    MEANINGS.put(ActionKind.BACKWARD, "drive straight back at v_mps m/s (0 to 1)");
    MEANINGS.put(
        ActionKind.ROTATE,
        "turn on the spot by angle_rad radians, left (counter-clockwise) positive");
    MEANINGS.put(
        ActionKind.TWIST,
        "drive at v_mps m/s (negative is backwards) while turning at omega_radps rad/s, left"
            + " positive");
    MEANINGS.put(ActionKind.STOP, "stop where you are");
    MEANINGS.put(ActionKind.FOLLOW_PLAN, "keep following the planner's current path");
    MEANINGS.put(
        ActionKind.PLAN_TO_FRONTIER, "let the planner take you to the nearest unexplored area");
    MEANINGS.put(
        ActionKind.PLAN_TO_TARGET,
        "let the planner take you to the target, or to where it was last seen");
    MEANINGS.put(ActionKind.PLAN_HOME, "let the planner take you back to the home pose");
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResponseFormat FORMAT =
      new ResponseFormat("instinct_action", schema().toString());
  private static final String FALLBACK_SYSTEM_PROMPT =
      "You are the driving mind of a small wheeled robot.";

  private final ChatModel model;
  private final String systemPrompt;
  private final String agentContext;
  private final double latencyBudgetS;
  private final int maxTokens;
  private final LongSupplier nanoTime;

  /**
   * @param model the vision-language model
   * @param agent the robot agent: its body is the system prompt, its runtime block gives the goal,
   *     target, parameters and rules
   * @param latencyBudgetS how long a decision may take, seconds
   * @param maxTokens the most tokens a reply may take
   * @param nanoTime the clock that times each decision, nanoseconds (the deadline itself runs on
   *     the wall clock)
   * @throws IllegalArgumentException if the agent has no runtime block or the budget is not
   *     positive
   */
  public VlmInstinct(
      ChatModel model,
      AgentSpec agent,
      double latencyBudgetS,
      int maxTokens,
      LongSupplier nanoTime) {
    if (model == null || agent == null || nanoTime == null) {
      throw new IllegalArgumentException("a VLM instinct needs a model, an agent and a clock");
    }
    RobotRuntime runtime =
        agent
            .runtime()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "agent " + agent.name() + " has no runtime block: it does not drive"));
    if (!(latencyBudgetS > 0 && latencyBudgetS < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "latencyBudgetS must be positive seconds, got " + latencyBudgetS);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    this.model = model;
    String body = agent.document().body();
    this.systemPrompt = body.isBlank() ? FALLBACK_SYSTEM_PROMPT : body.strip();
    this.agentContext = context(runtime);
    this.latencyBudgetS = latencyBudgetS;
    this.maxTokens = maxTokens;
    this.nanoTime = nanoTime;
  }

  /** An instinct with {@link #DEFAULT_MAX_TOKENS}, timed by {@link System#nanoTime()}. */
  public VlmInstinct(ChatModel model, AgentSpec agent, double latencyBudgetS) {
    this(model, agent, latencyBudgetS, DEFAULT_MAX_TOKENS, System::nanoTime);
  }

  public double latencyBudgetS() {
    return latencyBudgetS;
  }

  /**
   * Asks the model for the next action. Completes when the reply arrives, or with a {@code late}
   * fault when the budget runs out first; never exceptionally.
   *
   * @param frame what the camera sees now
   * @param readings the tick's named readings
   */
  public CompletableFuture<InstinctReply> decide(CameraFrame frame, Readings readings) {
    long start = nanoTime.getAsLong();
    JpegImage image;
    try {
      image = new JpegImage(frame.jpeg());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          InstinctReply.faulted(
              FaultKind.MISSING,
              "frame " + frame.frameId() + " cannot be sent: " + e.getMessage(),
              "",
              elapsedMs(start),
              TokenUsage.NONE));
    }
    CompletableFuture<ChatReply> call;
    try {
      call = model.chat(request(image, readings));
    } catch (RuntimeException e) {
      // A model that throws instead of failing its future has failed all the same.
      return CompletableFuture.completedFuture(
          InstinctReply.faulted(
              FaultKind.MISSING, modelError(e), "", elapsedMs(start), TokenUsage.NONE));
    }
    double budgetMs = latencyBudgetS * 1000;
    CompletableFuture<InstinctReply> decided =
        call.handle(
                (reply, error) -> {
                  if (error != null) {
                    return InstinctReply.faulted(
                        FaultKind.MISSING,
                        modelError(error),
                        "",
                        elapsedMs(start),
                        TokenUsage.NONE);
                  }
                  try {
                    return read(reply, Math.max(reply.latencyMs(), elapsedMs(start)));
                  } catch (RuntimeException e) {
                    return InstinctReply.faulted(
                        FaultKind.INVALID,
                        "reply could not be read: " + e,
                        "",
                        reply.latencyMs(),
                        reply.usage());
                  }
                })
            .completeOnTimeout(
                InstinctReply.faulted(
                    FaultKind.LATE,
                    "no reply within the " + decimal(latencyBudgetS) + " s budget",
                    "",
                    budgetMs,
                    TokenUsage.NONE),
                Math.round(latencyBudgetS * 1e6),
                TimeUnit.MICROSECONDS);
    // Past the budget nobody wants the answer: let the client stop waiting for it.
    var unused = decided.whenComplete((r, e) -> call.cancel(true));
    return decided;
  }

  /** A reply, checked, with the latency the controller saw. */
  InstinctReply read(ChatReply reply, double latencyMs) {
    JsonResult result = LenientJson.parseObject(reply.text());
    String reason = "";
    Checked checked;
    if (result instanceof JsonResult.Parsed parsed) {
      reason = reasonOf(parsed.node());
      checked = check(parsed.node());
    } else {
      checked = Checked.invalid("reply is not JSON: " + ((JsonResult.Failed) result).describe());
    }
    if (latencyMs > latencyBudgetS * 1000) {
      return InstinctReply.faulted(
          FaultKind.LATE,
          decimal(latencyMs / 1000) + " s over the " + decimal(latencyBudgetS) + " s budget",
          reason,
          latencyMs,
          reply.usage());
    }
    if (checked.action().isEmpty()) {
      return InstinctReply.faulted(
          FaultKind.INVALID, checked.problem(), reason, latencyMs, reply.usage());
    }
    return InstinctReply.of(checked.action().get(), reason, latencyMs, reply.usage());
  }

  /** A checked reply: the action, or what is wrong with it. */
  private record Checked(Optional<ResolvedAction> action, String problem) {
    static Checked invalid(String problem) {
      return new Checked(Optional.empty(), problem);
    }
  }

  private static Checked check(JsonNode reply) {
    JsonNode actionNode = reply.get("action");
    if (actionNode == null || actionNode.isNull()) {
      return Checked.invalid("action is missing");
    }
    if (!actionNode.isTextual()) {
      return Checked.invalid(
          "action must be a string naming one of " + allowedKeys() + ", got " + actionNode);
    }
    String key = actionNode.asText().strip().toLowerCase(Locale.ROOT);
    if (key.endsWith("()")) {
      key = key.substring(0, key.length() - 2);
    }
    Optional<ActionKind> kind = ActionKind.byKey(key);
    if (kind.isEmpty() || !ALLOWED.contains(kind.get())) {
      return Checked.invalid(
          "action \""
              + actionNode.asText()
              + "\" is not "
              + (kind.isEmpty() ? "an action" : "allowed here")
              + "; one of "
              + allowedKeys());
    }
    ActionKind action = kind.get();
    List<String> params = action.parameters();
    JsonNode args = reply.get("args");
    List<Double> values = new ArrayList<>();
    if (args == null || args.isNull()) {
      if (!params.isEmpty()) {
        return Checked.invalid("args is missing; " + action.signature() + " takes " + params);
      }
    } else if (args.isObject()) {
      for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!params.contains(name)) {
          return Checked.invalid("args." + name + " is not a parameter of " + action.signature());
        }
      }
      for (String p : params) {
        JsonNode v = args.get(p);
        if (v == null) {
          return Checked.invalid("args." + p + " is missing (" + action.signature() + ")");
        }
        Optional<String> problem = numberProblem("args." + p, v);
        if (problem.isPresent()) {
          return Checked.invalid(problem.get());
        }
        values.add(v.asDouble());
      }
    } else if (args.isArray()) {
      if (args.size() != params.size()) {
        return Checked.invalid(
            "args has "
                + args.size()
                + " values but "
                + action.signature()
                + " takes "
                + params.size());
      }
      for (int i = 0; i < params.size(); i++) {
        Optional<String> problem =
            numberProblem("args[" + i + "] (" + params.get(i) + ")", args.get(i));
        if (problem.isPresent()) {
          return Checked.invalid(problem.get());
        }
        values.add(args.get(i).asDouble());
      }
    } else {
      return Checked.invalid(
          "args must be an object of "
              + action.signature()
              + "'s parameters, got "
              + cut(args.toString()));
    }
    for (int i = 0; i < params.size(); i++) {
      Optional<String> problem = boundProblem(action, params.get(i), values.get(i));
      if (problem.isPresent()) {
        return Checked.invalid(problem.get());
      }
    }
    try {
      return new Checked(Optional.of(new ResolvedAction(action, values)), "");
    } catch (IllegalArgumentException e) {
      return Checked.invalid(e.getMessage());
    }
  }

  private static Optional<String> numberProblem(String field, JsonNode v) {
    if (!v.isNumber()) {
      return Optional.of(field + " must be a number, got " + cut(v.toString()));
    }
    if (!Double.isFinite(v.asDouble())) {
      return Optional.of(field + " must be finite, got " + v.asDouble());
    }
    return Optional.empty();
  }

  private static Optional<String> boundProblem(ActionKind action, String param, double value) {
    String field = "args." + param;
    switch (param) {
      case "v_mps" -> {
        if ((action == ActionKind.FORWARD || action == ActionKind.BACKWARD) && value < 0) {
          return Optional.of(
              field
                  + " must be 0 or more for "
                  + action.key()
                  + " (the action gives the direction), got "
                  + value);
        }
        if (Math.abs(value) > MAX_SPEED_MPS) {
          return Optional.of(
              field
                  + " = "
                  + value
                  + " m/s is beyond the ±"
                  + decimal(MAX_SPEED_MPS)
                  + " m/s bound");
        }
      }
      case "omega_radps" -> {
        if (Math.abs(value) > MAX_TURN_RATE_RADPS) {
          return Optional.of(
              field
                  + " = "
                  + value
                  + " rad/s is beyond the ±"
                  + decimal(MAX_TURN_RATE_RADPS)
                  + " rad/s bound");
        }
      }
      case "angle_rad" -> {
        if (Math.abs(value) > MAX_ANGLE_RAD) {
          return Optional.of(field + " = " + value + " rad is beyond the ±2π rad bound");
        }
      }
      default -> {
        // Plan actions take no arguments; set_led is not allowed.
      }
    }
    return Optional.empty();
  }

  private static String reasonOf(JsonNode reply) {
    JsonNode reason = reply.get("reason");
    if (reason == null || reason.isNull()) {
      return "";
    }
    String text = (reason.isTextual() ? reason.asText() : reason.toString()).strip();
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  private ChatRequest request(JpegImage image, Readings readings) {
    return ChatRequest.of(
            List.of(
                ChatMessage.system(systemPrompt),
                ChatMessage.user(readingsText(readings) + agentContext, List.of(image))))
        .withTemperature(0)
        .withMaxTokens(maxTokens)
        .withResponseFormat(FORMAT);
  }

  /** The tick's readings, one a line, with what each means. */
  static String readingsText(Readings readings) {
    StringBuilder out = new StringBuilder("Readings now:\n");
    if (readings.present().isEmpty()) {
      out.append("(none)\n");
    }
    for (Reading r : readings.present()) {
      String value =
          r.type() == ValueType.BOOLEAN
              ? String.valueOf(readings.flag(r))
              : number(readings.number(r));
      out.append(r.key())
          .append(" = ")
          .append(value)
          .append(" (")
          .append(r.meaning())
          .append(")\n");
    }
    return out.toString();
  }

  /** What stays the same from frame to frame: goal, parameters, rules, actions, reply shape. */
  private static String context(RobotRuntime runtime) {
    StringBuilder out = new StringBuilder("\nGoal: ").append(runtime.goal());
    runtime.target().ifPresent(t -> out.append(". Target: ").append(t));
    out.append(".\n");
    if (!runtime.params().isEmpty()) {
      out.append("\nParameters: ")
          .append(
              new TreeMap<>(runtime.params())
                  .entrySet().stream()
                      .map(e -> e.getKey() + " = " + number(e.getValue()))
                      .collect(Collectors.joining(", ")))
          .append(".\n");
    }
    if (!runtime.rules().isEmpty()) {
      out.append(
          "\nRules the offline controller follows, first match wins (guidance: follow them unless"
              + " the image shows they would go wrong):\n");
      int i = 1;
      for (Rule rule : runtime.rules()) {
        out.append(i++).append(". ").append(rule.text()).append('\n');
      }
    }
    out.append("\nAllowed actions:\n");
    for (ActionKind a : ALLOWED) {
      out.append("- ").append(a.signature()).append(": ").append(MEANINGS.get(a)).append('\n');
    }
    out.append(
        "\nReply with exactly one JSON object and nothing else; args names exactly the action's"
            + " parameters ({} when it has none):\n"
            + "{\"action\": \"twist\", \"args\": {\"v_mps\": 0.1, \"omega_radps\": 0.5},"
            + " \"reason\": \"target left of centre\"}\n");
    return out.toString();
  }

  private static ObjectNode schema() {
    ObjectNode root = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = root.putObject("properties");
    ArrayNode keys = properties.putObject("action").put("type", "string").putArray("enum");
    ALLOWED.forEach(a -> keys.add(a.key()));
    ObjectNode args = properties.putObject("args").put("type", "object");
    ObjectNode argProperties = args.putObject("properties");
    argProperties
        .putObject("v_mps")
        .put("type", "number")
        .put("minimum", -MAX_SPEED_MPS)
        .put("maximum", MAX_SPEED_MPS);
    argProperties
        .putObject("omega_radps")
        .put("type", "number")
        .put("minimum", -MAX_TURN_RATE_RADPS)
        .put("maximum", MAX_TURN_RATE_RADPS);
    argProperties
        .putObject("angle_rad")
        .put("type", "number")
        .put("minimum", -MAX_ANGLE_RAD)
        .put("maximum", MAX_ANGLE_RAD);
    args.put("additionalProperties", false);
    properties.putObject("reason").put("type", "string");
    root.putArray("required").add("action").add("args").add("reason");
    root.put("additionalProperties", false);
    return root;
  }

  private static String allowedKeys() {
    return ALLOWED.stream().map(ActionKind::key).collect(Collectors.joining(", "));
  }

  private double elapsedMs(long start) {
    return Math.max(0, (nanoTime.getAsLong() - start) / 1e6);
  }

  /** A number without trailing zeros, at most four decimals: {@code 0.15}, {@code 2}. */
  private static String number(double value) {
    return BigDecimal.valueOf(value)
        .setScale(4, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A number for messages: one decimal at least, two at most ({@code 1.5}, {@code 6.0}). */
  private static String decimal(double value) {
    String s =
        BigDecimal.valueOf(value)
            .setScale(2, RoundingMode.HALF_EVEN)
            .stripTrailingZeros()
            .toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  /** What a failed call says, e.g. {@code http_error (HTTP 503): overloaded}. */
  private static String modelError(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ModelException m) {
      String status = m.status().isPresent() ? " (HTTP " + m.status().getAsInt() + ")" : "";
      return m.kind().name().toLowerCase(Locale.ROOT) + status + ": " + m.getMessage();
    }
    if (e instanceof CancellationException) {
      return "the call was cancelled";
    }
    return e.toString();
  }

  private static String cut(String s) {
    return s.length() <= LenientJson.EXCERPT_CHARS
        ? s
        : s.substring(0, LenientJson.EXCERPT_CHARS) + "…";
  }
}
