package dev.llmos.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.agent.RunControl;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/** The REST API of docs/api.md and the checks every request passes first. */
final class Routes {
  private static final String TOKEN_COOKIE = "llmos_token";
  private static final Set<String> START_FIELDS =
      Set.of("agent", "arena", "seed", "speed", "durationS");
  private static final double DEFAULT_SPEED = 4;
  private static final double DEFAULT_DURATION_S = 120;
  private static final double MAX_DURATION_S = 3600;

  private final ObjectMapper json;
  private final DashboardServer.Options options;
  private final CatalogApi catalog;
  private final RecordedRuns recorded;
  private final LiveRuns runs;
  private final RunStarter starter;
  private final Workspace workspace;
  private final String version;

  Routes(
      ObjectMapper json,
      DashboardServer.Options options,
      CatalogApi catalog,
      RecordedRuns recorded,
      LiveRuns runs,
      RunStarter starter,
      Workspace workspace,
      String version) {
    this.json = json;
    this.options = options;
    this.catalog = catalog;
    this.recorded = recorded;
    this.runs = runs;
    this.starter = starter;
    this.workspace = workspace;
    this.version = version;
  }

  void install(RoutesConfig r, String policy) {
    r.before(ctx -> ctx.header("Content-Security-Policy", policy));
    r.before(this::guard);
    r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    r.exception(
        UncheckedIOException.class,
        (e, ctx) -> error(ctx, 500, e.getMessage() + ": " + e.getCause().getMessage()));
    r.exception(
        Exception.class,
        (e, ctx) -> error(ctx, 500, "internal error: " + e + "; please report it with the log"));
    r.error(
        404,
        ctx -> {
          // Javalin's own "not found" is plain text; the API answers JSON throughout.
          String type = ctx.res().getContentType();
          if (type == null || !type.startsWith("application/json")) {
            error(ctx, 404, "nothing at " + ctx.path() + "; the API is described in docs/api.md");
          }
        });

    r.get("/api/status", ctx -> send(ctx, status()));
    r.get("/api/agents", ctx -> send(ctx, catalog.agents()));
    r.get("/api/agents/{name}", ctx -> send(ctx, catalog.agent(ctx.pathParam("name"))));
    r.get("/api/skills", ctx -> send(ctx, catalog.skills()));
    r.get("/api/skills/{name}", ctx -> send(ctx, catalog.skill(ctx.pathParam("name"))));
    r.get("/api/arenas", ctx -> send(ctx, catalog.arenas()));
    r.get(
        "/api/arenas/{name}",
        ctx -> send(ctx, CatalogApi.ArenaView.of(catalog.arena(ctx.pathParam("name")))));
    r.get("/api/robots", ctx -> send(ctx, robots()));
    r.get(
        "/api/robots/{id}",
        ctx -> {
          String id = ctx.pathParam("id");
          send(
              ctx,
              robots().stream()
                  .filter(robot -> robot.id().equals(id))
                  .findFirst()
                  .orElseThrow(
                      () -> ApiException.notFound("no robot '" + id + "' in the live run")));
        });
    r.get("/api/runs", ctx -> send(ctx, runList()));
    r.post("/api/runs", this::startRun);
    r.get("/api/runs/{id}", ctx -> send(ctx, runDetail(ctx.pathParam("id"))));
    r.get(
        "/api/runs/{id}/ticks",
        ctx ->
            send(
                ctx,
                recorded
                    .ticks(
                        ctx.pathParam("id"),
                        longParam(ctx, "from", 0),
                        longParam(ctx, "to", Long.MAX_VALUE),
                        step(ctx))
                    .stream()
                    .map(RecordedRuns.TickView::of)
                    .toList()));
    r.get(
        "/api/runs/{id}/map",
        ctx -> {
          Optional<Long> tick =
              ctx.queryParam("tick") == null
                  ? Optional.empty()
                  : Optional.of(longParam(ctx, "tick", 0));
          send(ctx, recorded.map(ctx.pathParam("id"), tick));
        });
    r.post("/api/runs/{id}/pause", ctx -> send(ctx, runs.pause(live(ctx))));
    r.post("/api/runs/{id}/resume", ctx -> send(ctx, runs.resume(live(ctx))));
    r.post("/api/runs/{id}/stop", ctx -> send(ctx, runs.stop(live(ctx))));
    r.post(
        "/api/runs/{id}/speed",
        ctx -> {
          String id = live(ctx);
          JsonNode body = body(ctx, Set.of("speed"));
          send(
              ctx,
              runs.speed(
                  id,
                  number(body, "speed", 0, RunControl.MAX_SPEED)
                      .orElseThrow(
                          () ->
                              ApiException.badRequest(
                                  "the body needs \"speed\", e.g. {\"speed\": 2}"))));
        });
  }

  /**
   * Every request and WebSocket upgrade: the host (against DNS rebinding), the token, and JSON
   * bodies for anything that changes state.
   */
  void guard(Context ctx) {
    // A page of another site may open a WebSocket here (no CORS for those) or post a form: its
    // Origin names that site, and only this dashboard's own origin is let in.
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, ctx.host())) {
      throw new ApiException(
          403, "requests from pages of other sites (" + origin + ") are refused");
    }
    if (options.token().isEmpty()) {
      String host = ctx.host();
      if (host == null || !localHost(host)) {
        throw new ApiException(
            403, "this dashboard answers only to 127.0.0.1 and localhost, not to " + host);
      }
    } else {
      String given = presentedToken(ctx);
      if (given == null
          || !MessageDigest.isEqual(
              given.getBytes(StandardCharsets.UTF_8),
              options.token().get().getBytes(StandardCharsets.UTF_8))) {
        throw new ApiException(
            401,
            "this dashboard needs its access token: open the address llmos printed (it ends in"
                + " ?token=...) or send Authorization: Bearer TOKEN");
      }
      if (ctx.queryParam("token") != null) {
        ctx.header(
            "Set-Cookie", TOKEN_COOKIE + "=" + given + "; Path=/; HttpOnly; SameSite=Strict");
        if (ctx.method().equals(HandlerType.GET) && ctx.path().equals("/")) {
          // Kept in the cookie from now on; not in the address bar, the history or a bookmark.
          ctx.header("Location", "/");
          throw new io.javalin.http.RedirectResponse(
              io.javalin.http.HttpStatus.FOUND, "the token is kept in a cookie");
        }
      }
    }
    if (ctx.method().equals(HandlerType.POST)) {
      String type = ctx.contentType();
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw new ApiException(
            415, "send the request body as JSON, with Content-Type: application/json");
      }
    }
  }

  /**
   * What the page may load and run: its own files only, the one inline script being the import map
   * (allowed by its hash), images from itself and data URLs (camera frames). Markdown that slipped
   * a script or a remote image through would not run or load.
   */
  static String contentSecurityPolicy() {
    String html;
    try (java.io.InputStream in =
        Routes.class.getResourceAsStream(DashboardServer.WEB + "/index.html")) {
      if (in == null) {
        throw new IllegalStateException("the dashboard page is missing from the class path");
      }
      html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    java.util.regex.Matcher importMap =
        java.util.regex.Pattern.compile(
                "<script type=\"importmap\">(.*?)</script>", java.util.regex.Pattern.DOTALL)
            .matcher(html);
    if (!importMap.find()) {
      throw new IllegalStateException("the dashboard page has no import map");
    }
    String hash;
    try {
      hash =
          java.util.Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return "default-src 'self'; script-src 'self' 'sha256-"
        + hash
        + "'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self';"
        + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  }

  private static boolean sameOrigin(String origin, String hostHeader) {
    try {
      java.net.URI uri = new java.net.URI(origin);
      return hostHeader != null
          && uri.getRawAuthority() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getRawAuthority().equalsIgnoreCase(hostHeader);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private String presentedToken(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.startsWith("Bearer ")) {
      return header.substring("Bearer ".length()).strip();
    }
    if (ctx.queryParam("token") != null) {
      return ctx.queryParam("token");
    }
    return ctx.cookie(TOKEN_COOKIE);
  }

  private boolean localHost(String hostHeader) {
    String name = hostHeader;
    if (name.startsWith("[")) {
      name = name.substring(1, Math.max(1, name.indexOf(']')));
    } else if (name.indexOf(':') >= 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    name = name.toLowerCase(Locale.ROOT);
    return name.equals("localhost")
        || name.equals("127.0.0.1")
        || name.equals("::1")
        || name.equals(options.host());
  }

  private Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version);
    out.put("workspace", workspace.root().toString());
    out.put("live", runs.live().map(LiveRuns.Live::state).orElse(null));
    return out;
  }

  private List<LiveFeed.RobotView> robots() {
    return runs.live().flatMap(run -> run.feed().robot()).stream().toList();
  }

  private List<Map<String, Object>> runList() {
    Optional<LiveRuns.Live> live = runs.live();
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    // A run just started has no recording until its run thread has set up the simulation; it is
    // live all the same, so it is listed (first: it is the newest) rather than missing.
    if (live.isPresent() && !recorded.exists(live.get().id())) {
      LiveRuns.RunState state = live.get().state();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", state.id());
      m.put("agent", state.agent());
      m.put("arena", state.arena());
      m.put("seed", state.seed());
      m.put("startedAt", null);
      m.put("outcome", null);
      m.put("live", true);
      out.add(m);
    }
    recorded.list().stream()
        .map(
            e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", e.id());
              m.put("agent", e.agent());
              m.put("arena", e.arena());
              m.put("seed", e.seed());
              m.put("startedAt", e.startedAt());
              m.put("outcome", e.outcome());
              m.put("live", live.isPresent() && live.get().id().equals(e.id()));
              return m;
            })
        .forEach(out::add);
    return out;
  }

  private Map<String, Object> runDetail(String id) {
    Optional<LiveRuns.RunState> live =
        runs.current().filter(r -> r.id().equals(id)).map(LiveRuns.Live::state);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    if (live.isPresent() && !recorded.exists(id)) {
      // Live but not recorded yet (see runList): nothing recorded to show, the live state is.
      m.put("header", null);
      m.put("summary", null);
      m.put("ticks", 0);
      m.put("tornLines", 0);
    } else {
      RecordedRuns.RunDetail d = recorded.detail(id);
      m.put("header", d.header());
      m.put("summary", d.summary());
      m.put("ticks", d.ticks());
      m.put("tornLines", d.tornLines());
    }
    m.put("live", live.orElse(null));
    return m;
  }

  /** The id of a run addressed for control: 404 when nothing by that name was ever recorded. */
  private String live(Context ctx) {
    String id = ctx.pathParam("id");
    boolean isCurrent = runs.current().map(r -> r.id().equals(id)).orElse(false);
    if (!isCurrent && recorded.exists(id)) {
      throw ApiException.conflict(
          "run " + id + " is not live; only the live run can be controlled");
    }
    return id;
  }

  private void startRun(Context ctx) {
    JsonNode body = body(ctx, START_FIELDS);
    String agent = text(body, "agent");
    String arena = text(body, "arena");
    long seed = body.has("seed") ? integer(body, "seed") : 1;
    double speed = number(body, "speed", 0, RunControl.MAX_SPEED).orElse(DEFAULT_SPEED);
    double durationS = number(body, "durationS", 0.1, MAX_DURATION_S).orElse(DEFAULT_DURATION_S);
    RunStarter.Prepared prepared;
    try {
      prepared = starter.prepare(new RunStarter.Request(agent, arena, seed, speed, durationS));
    } catch (NoSuchElementException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    LiveRuns.Live run = runs.start(prepared);
    ctx.status(201);
    send(ctx, run.state());
  }

  private JsonNode body(Context ctx, Set<String> allowed) {
    JsonNode body;
    try {
      body = json.readTree(ctx.bodyAsBytes());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the body is not valid JSON ("
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr())
              + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiException.badRequest(
            "unknown field \"" + name + "\"; the fields are " + new java.util.TreeSet<>(allowed));
      }
    }
    return body;
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("the body needs \"" + field + "\"");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiException.badRequest("\"" + field + "\" must be a non-empty string");
    }
    return v.asText();
  }

  private static long integer(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiException.badRequest("\"" + field + "\" must be a whole number, got " + v);
    }
    return v.asLong();
  }

  private static Optional<Double> number(JsonNode body, String field, double min, double max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
      throw ApiException.badRequest(
          "\"" + field + "\" must be a number within [" + min + ", " + max + "], got " + v);
    }
    return Optional.of(v.asDouble());
  }

  private static int step(Context ctx) {
    long step = longParam(ctx, "step", 1);
    if (step < 1 || step > RecordedRuns.MAX_STEP) {
      throw ApiException.badRequest(
          "step must be within 1.." + RecordedRuns.MAX_STEP + ", got " + step);
    }
    return (int) step;
  }

  private static long longParam(Context ctx, String name, long fallback) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "query parameter " + name + " must be a whole number, got " + v);
    }
  }

  private void send(Context ctx, Object body) {
    try {
      ctx.contentType("application/json").result(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void error(Context ctx, int status, String message) {
    ctx.status(status);
    send(ctx, Map.of("error", message));
  }
}
