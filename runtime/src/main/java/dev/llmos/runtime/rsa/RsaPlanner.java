package dev.llmos.runtime.rsa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.kernel.config.RsaPreset;
import dev.llmos.kernel.config.RsaSettings;
import dev.llmos.llm.chat.ChatMessage;
import dev.llmos.llm.chat.ChatModel;
import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.chat.ResponseFormat;
import dev.llmos.runtime.perception.Detection;
import dev.llmos.runtime.planner.PlanRequest;
import dev.llmos.runtime.planner.Planner;
import dev.llmos.runtime.world.DetectedObject;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The deliberate brain over a language model: Recursive Self-Aggregation of waypoint plans. A
 * population of plans is asked for, checked against the map, aggregated subset by subset for the
 * preset's steps, and one is chosen by the kernel's final selection. When no valid plan is left, or
 * every call failed, the fallback planner (the classical one) answers, and the history says why.
 *
 * <p>Every run's {@link RsaHistory} goes to the sink (the controller writes it into the black box),
 * whatever the outcome. A run's seed is derived from the planner's seed and the request's number,
 * so a run repeats its subsets and model seeds for the same request.
 *
 * <p>Never blocks forever: each model client has its own timeout, and a whole population waits at
 * most {@code callGuard} here. An interrupt (the {@link dev.llmos.runtime.planner.AsyncPlanner}
 * abandoning a request past its time) cancels the calls still out and ends the request with a
 * {@link java.util.concurrent.CancellationException}; no history is written for it.
 */
public final class RsaPlanner implements Planner {
  /** How long one population's calls may take together when no guard is given. */
  public static final Duration DEFAULT_CALL_GUARD = Duration.ofSeconds(60);

  /** The text map is at most this many characters wide. */
  static final int MAP_COLUMNS = 64;

  /** The JSON shape asked for, also as a schema for servers that constrain output. */
  static final String PLAN_SHAPE =
      "{\"waypoints\":[{\"x_m\":..,\"y_m\":..},...],\"reason\":\"..\"}";

  static final ResponseFormat PLAN_FORMAT =
      new ResponseFormat(
          "waypoint_plan",
          "{\"type\":\"object\",\"properties\":{\"waypoints\":{\"type\":\"array\",\"minItems\":1,"
              + "\"maxItems\":"
              + PlanChecks.MAX_WAYPOINTS
              + ",\"items\":{\"type\":\"object\",\"properties\":{\"x_m\":{\"type\":\"number\"},"
              + "\"y_m\":{\"type\":\"number\"}},\"required\":[\"x_m\",\"y_m\"],"
              + "\"additionalProperties\":false}},\"reason\":{\"type\":\"string\"}},"
              + "\"required\":[\"waypoints\",\"reason\"],\"additionalProperties\":false}");

  static final String PLANNER_ROLE =
      """
      ## Your role now: the planner

      You plan the robot's path. You are given the goal, where the robot and its home are, a text \
      map of what the robot knows, the objects it has recognised and what its camera sees now.

      Coordinates are world metres: x grows east (right on the map), y grows north (up on the \
      map). Give 1 to %d waypoints in the order the robot should drive them, the last one where \
      the goal is served. Every waypoint must lie inside the map and outside known obstacles \
      ('#'), and no straight leg between consecutive waypoints, the first from the robot, may \
      cross one. Unknown cells ('?') may be crossed; keep some room from walls. The reason says \
      in one sentence why this path.

      Answer with one JSON object and nothing else: %s
      """
          .formatted(PlanChecks.MAX_WAYPOINTS, PLAN_SHAPE);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChatModel model;
  private final RsaSettings settings;
  private final String systemPrompt;
  private final long seed;
  private final Planner fallback;
  private final Consumer<RsaHistory> sink;
  private final RecursiveSelfAggregation<PlanCandidate> engine;

  /**
   * @param model the language model, with images if the requests carry camera frames
   * @param preset N, K, T and the consensus threshold, resolved for the robots at hand
   * @param settings the kernel's RSA settings: temperature, max tokens, consensus radius, final
   *     selection
   * @param agentPrompt the agent's markdown body: the system prompt, before the planner's role
   * @param seed the planner's seed: with a request's number, it fixes that run's subsets and call
   *     seeds
   * @param fallback answers when RSA ends without a valid plan (the classical planner)
   * @param sink receives every run's history
   */
  public RsaPlanner(
      ChatModel model,
      RsaPreset preset,
      RsaSettings settings,
      String agentPrompt,
      long seed,
      Planner fallback,
      Consumer<RsaHistory> sink) {
    this(model, preset, settings, agentPrompt, seed, fallback, sink, DEFAULT_CALL_GUARD);
  }

  /**
   * As above, with how long one population's calls may take together before those still out are
   * cancelled and count as failed.
   */
  public RsaPlanner(
      ChatModel model,
      RsaPreset preset,
      RsaSettings settings,
      String agentPrompt,
      long seed,
      Planner fallback,
      Consumer<RsaHistory> sink,
      Duration callGuard) {
    if (model == null || settings == null || agentPrompt == null || fallback == null) {
      throw new IllegalArgumentException(
          "an RSA planner needs a model, the RSA settings, the agent's prompt and a fallback");
    }
    if (sink == null) {
      throw new IllegalArgumentException("an RSA planner needs a sink for its histories");
    }
    this.model = model;
    this.settings = settings;
    this.systemPrompt = agentPrompt.strip() + "\n\n" + PLANNER_ROLE;
    this.seed = seed;
    this.fallback = fallback;
    this.sink = sink;
    double radiusM = settings.consensusRadiusM();
    this.engine =
        new RecursiveSelfAggregation<>(
            preset,
            settings.finalSelection(),
            (a, b) -> a.end().distanceTo(b.end()) <= radiusM,
            callGuard);
  }

  @Override
  public Optional<List<Translation2d>> plan(PlanRequest request) {
    long startNs = System.nanoTime();
    long runSeed = runSeed(request);
    RsaOutcome<PlanCandidate> outcome = engine.run(new PlanTask(request, runSeed), runSeed);
    return finish(request, outcome, startNs);
  }

  /**
   * A swarm's plan: RSA from the robots' own proposals (one per robot, as many as the preset's
   * population) instead of a generated population. A proposal that is not a valid plan on this
   * robot's map takes part as an invalid candidate, with its reason.
   */
  public Optional<List<Translation2d>> planFrom(
      PlanRequest request, List<List<Translation2d>> proposals) {
    long startNs = System.nanoTime();
    long runSeed = runSeed(request);
    List<Candidate<PlanCandidate>> initial = new ArrayList<>(proposals.size());
    for (List<Translation2d> proposal : proposals) {
      if (proposal.isEmpty() || proposal.size() > PlanChecks.MAX_WAYPOINTS) {
        initial.add(
            Candidate.rejected(
                "a plan needs 1 to "
                    + PlanChecks.MAX_WAYPOINTS
                    + " waypoints, got "
                    + proposal.size(),
                proposal.size() + " waypoints",
                0));
      } else {
        initial.add(check(new PlanCandidate(proposal, "a robot's own proposal"), request, 0));
      }
    }
    RsaOutcome<PlanCandidate> outcome =
        engine.runFrom(initial, new PlanTask(request, runSeed), runSeed);
    return finish(request, outcome, startNs);
  }

  private Optional<List<Translation2d>> finish(
      PlanRequest request, RsaOutcome<PlanCandidate> outcome, long startNs) {
    RsaHistory history = outcome.history();
    if (outcome.answer().isPresent()) {
      sink.accept(history.withTotalLatencyMs(elapsedMs(startNs)));
      return Optional.of(outcome.answer().get().waypoints());
    }
    RsaHistory withReason = history.withFallback(fallbackReason(history));
    Optional<List<Translation2d>> planned;
    try {
      planned = fallback.plan(request);
    } catch (RuntimeException e) {
      sink.accept(
          history
              .withFallback(withReason.fallbackReason() + "; the fallback failed too: " + e)
              .withTotalLatencyMs(elapsedMs(startNs)));
      throw e;
    }
    sink.accept(withReason.withTotalLatencyMs(elapsedMs(startNs)));
    return planned;
  }

  private static String fallbackReason(RsaHistory history) {
    if (history.calls() > 0 && history.failedCalls() == history.calls()) {
      return "every model call failed (" + history.calls() + " calls)";
    }
    RsaHistory.Step last = history.steps().get(history.steps().size() - 1);
    String why =
        last.members().stream()
            .map(RsaHistory.Member::invalidReason)
            .filter(r -> r != null)
            .findFirst()
            .map(r -> " (first reason: " + r + ")")
            .orElse("");
    return "no valid plan in the last population" + why;
  }

  private static double elapsedMs(long startNs) {
    return (System.nanoTime() - startNs) / 1e6;
  }

  private long runSeed(PlanRequest request) {
    return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * request.id())).nextLong();
  }

  /** A reply checked against the request's map: a valid plan, or why not. */
  private static Candidate<PlanCandidate> toCandidate(ChatReply reply, PlanRequest request) {
    int tokens = reply.usage().totalTokens();
    PlanChecks.Parsed parsed = PlanChecks.parse(reply.text());
    if (parsed.plan().isEmpty()) {
      String why = "not a plan: " + parsed.problem().orElseThrow();
      if (reply.truncated()) {
        why += " (the reply was cut off at max_tokens)";
      }
      String excerpt = PlanChecks.shorten(reply.text());
      return Candidate.rejected(why, excerpt.isEmpty() ? "(empty reply)" : excerpt, tokens);
    }
    return check(parsed.plan().get(), request, tokens);
  }

  private static Candidate<PlanCandidate> check(
      PlanCandidate plan, PlanRequest request, int tokens) {
    Optional<String> problem = PlanChecks.problem(plan, request.world(), request.robot());
    return problem.isPresent()
        ? Candidate.rejected(problem.get(), plan.summary(), tokens)
        : Candidate.of(plan, plan.summary(), tokens);
  }

  /** One request's calls to the model. */
  private final class PlanTask implements RsaTask<PlanCandidate> {
    private final PlanRequest request;
    private final long runSeed;
    private final String context;
    private final List<JpegImage> images;

    PlanTask(PlanRequest request, long runSeed) {
      this.request = request;
      this.runSeed = runSeed;
      this.context = context(request);
      this.images = request.image().map(List::of).orElse(List.of());
    }

    @Override
    public CompletableFuture<Candidate<PlanCandidate>> generate(int index) {
      String user =
          context + "\n\nPlan a path for this goal. Answer with JSON only: " + PLAN_SHAPE + "\n";
      return call(user, index);
    }

    @Override
    public CompletableFuture<Candidate<PlanCandidate>> aggregate(
        int step, int index, List<Candidate<PlanCandidate>> subset) {
      StringBuilder user = new StringBuilder(context);
      user.append("\n\nCandidate plans from earlier attempts:\n");
      for (int i = 0; i < subset.size(); i++) {
        Candidate<PlanCandidate> c = subset.get(i);
        user.append("\nPlan ").append(i + 1);
        if (c.isValid()) {
          user.append(" (passed the map checks): ").append(c.value().orElseThrow().toJson());
        } else {
          user.append(" (rejected: ")
              .append(c.invalidReason().orElseThrow())
              .append("): ")
              .append(c.summary());
        }
        user.append('\n');
      }
      user.append(
              "\nAggregate them into one improved plan: keep what is right, fix what is wrong (do"
                  + " not repeat a rejected plan's mistake), and drop what does not serve the"
                  + " goal. Answer with JSON only: ")
          .append(PLAN_SHAPE)
          .append('\n');
      // Call seeds differ across the whole run, so no two calls sample alike.
      return call(user.toString(), (long) step * engine.preset().population() + index);
    }

    private CompletableFuture<Candidate<PlanCandidate>> call(String user, long callNumber) {
      ChatRequest chat =
          ChatRequest.of(List.of(ChatMessage.system(systemPrompt), ChatMessage.user(user, images)))
              .withTemperature(settings.temperature())
              .withMaxTokens(settings.maxTokens())
              .withResponseFormat(PLAN_FORMAT)
              .withSeed(runSeed + callNumber);
      CompletableFuture<ChatReply> reply = model.chat(chat);
      CompletableFuture<Candidate<PlanCandidate>> candidate =
          reply.thenApply(r -> toCandidate(r, request));
      // Cancelling the candidate (an interrupt, the population's guard) must end the HTTP call
      // too, or it would hold a slot of the client until its own timeout.
      var unused = candidate.whenComplete((r, e) -> reply.cancel(true));
      return candidate;
    }
  }

  /** What every call of a request shares: goal, positions, map, objects, detections. */
  static String context(PlanRequest request) {
    WorldModel world = request.world();
    GridGeometry g = world.geometry();
    StringBuilder out = new StringBuilder();
    out.append("Goal: ").append(goalText(request)).append('\n');
    out.append("Why a plan is asked now: ").append(request.reason().key()).append('\n');
    out.append("Robot at ")
        .append(PlanChecks.point(request.robot()))
        .append(" m; home at ")
        .append(PlanChecks.point(request.home()))
        .append(" m.\n");
    out.append(
        String.format(
            Locale.ROOT,
            "Map bounds: x from %.2f to %.2f m, y from %.2f to %.2f m (cells of %.2f m).%n",
            g.originXM(),
            g.originXM() + g.widthCells() * g.resolutionM(),
            g.originYM(),
            g.originYM() + g.heightCells() * g.resolutionM(),
            g.resolutionM()));
    out.append("\nWhat the robot knows of the map:\n").append(world.toText(MAP_COLUMNS));
    out.append("\nKnown objects:");
    List<DetectedObject> objects = world.objects();
    if (objects.isEmpty()) {
      out.append(" none yet\n");
    } else {
      out.append('\n');
      for (DetectedObject o : objects) {
        out.append(
            String.format(
                Locale.ROOT,
                "- %s at (%.2f, %.2f) m, confidence %.2f, seen %d times, last at %.1f s%n",
                o.label(),
                o.position().xM(),
                o.position().yM(),
                o.confidence(),
                o.sightings(),
                o.lastSeenS()));
      }
    }
    out.append("\nCamera detections now (bearing left positive): ")
        .append(detectionsJson(request.detections()))
        .append('\n');
    if (request.image().isPresent()) {
      out.append("The camera image of this moment is attached.\n");
    }
    return out.toString();
  }

  private static String goalText(PlanRequest request) {
    String key = request.goal().key();
    return switch (request.goal()) {
      case PLAN_HOME -> key + ": drive back home to " + PlanChecks.point(request.home()) + " m";
      case PLAN_TO_WAYPOINT ->
          key
              + ": drive to the patrol route's next point, "
              + PlanChecks.point(request.waypoint().orElseThrow())
              + " m";
      case PLAN_TO_TARGET ->
          request
              .target()
              .map(
                  t ->
                      key
                          + ": reach the target '"
                          + t
                          + "' and end about 0.25 m short of it, facing it; if it has not"
                          + " been seen yet, explore where it may be")
              .orElse(key + ": reach the target");
      default ->
          key
              + ": explore: go to the most promising frontier, where known free cells ('.')"
              + " meet unknown ones ('?')";
    };
  }

  private static String detectionsJson(List<Detection> detections) {
    if (detections.isEmpty()) {
      return "none";
    }
    try {
      return JSON.writeValueAsString(detections);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("detections could not be written as JSON", e);
    }
  }
}
