package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.app.server.DashboardServer;
import dev.llmos.app.server.LiveClient;
import dev.llmos.kernel.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's REST API and live WebSocket (docs/api.md) over real HTTP against a server on a
 * free port, with the real run starter: offline simulated runs in shipped arenas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = "9.8.7-test";
  private static final String TOKEN = "0123456789abcdef0123";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private Workspace workspace;
  private DashboardServer server;
  private HttpClient http;
  private String base;

  @BeforeAll
  void startServer() throws IOException {
    workspace = Workspace.init(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
    Path agents =
        Workspace.volumeRoot(workspace.root(), dev.llmos.kernel.volume.VolumeKind.USER)
            .resolve("agents");
    Files.createDirectories(agents);
    Files.writeString(
        agents.resolve("html-demo.md"),
        """
        ---
        name: html-demo
        description: A specialist whose notes hold raw HTML, to see the dashboard escape it.
        kind: specialist
        version: 1
        origin: created
        ---

        # Html demo

        Some *notes* and <script>alert('owned')</script> inline, and a
        [link that would run](javascript:alert('owned')) if it were kept.
        """,
        StandardCharsets.UTF_8);
    server =
        DashboardServer.start(
            workspace, new CliRunStarter(workspace), DashboardServer.Options.local(0), VERSION);
    base = "http://127.0.0.1:" + server.port();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** Each test starts with no live run. */
  @AfterEach
  void stopTheLiveRun() throws Exception {
    JsonNode live = json(get("/api/status")).get("live");
    if (!live.isNull()) {
      var unused = post("/api/runs/" + live.get("id").asText() + "/stop", "");
      awaitValue(() -> json(get("/api/status")).get("live"), JsonNode::isNull, "no live run");
    }
  }

  // ---------------------------------------------------------------- catalog

  @Test
  void statusNamesTheVersionAndTheWorkspace() throws Exception {
    HttpResponse<String> r = get("/api/status");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode status = json(r);
    assertThat(status.get("version").asText()).isEqualTo(VERSION);
    assertThat(status.get("workspace").asText()).isEqualTo(workspace.root().toString());
    assertThat(status.get("live").isNull()).isTrue();
  }

  @Test
  void agentsListTheShippedRobotAgents() throws Exception {
    JsonNode agents = json(get("/api/agents"));

    assertThat(agents.isArray()).isTrue();
    JsonNode explorer = find(agents, "explorer");
    assertThat(explorer.get("kind").asText()).isEqualTo("robot");
    assertThat(explorer.get("volume").asText()).isEqualTo("system");
    assertThat(explorer.get("description").asText()).isNotBlank();
    assertThat(explorer.get("uses").isInt()).isTrue();
    assertThat(explorer.get("successes").isInt()).isTrue();
    assertThat(find(agents, "planner").get("kind").asText()).isEqualTo("specialist");
    JsonNode mine = find(agents, "html-demo");
    assertThat(mine.get("volume").asText()).isEqualTo("user");
    assertThat(agents).extracting(a -> a.get("name").asText()).doesNotHaveDuplicates();
  }

  @Test
  void anAgentComesWholeWithFrontmatterMarkdownHtmlAndLineage() throws Exception {
    HttpResponse<String> r = get("/api/agents/explorer");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode explorer = json(r);
    assertThat(explorer.get("name").asText()).isEqualTo("explorer");
    assertThat(explorer.get("kind").asText()).isEqualTo("robot");
    assertThat(explorer.get("frontmatter").get("name").asText()).isEqualTo("explorer");
    assertThat(explorer.get("frontmatter").get("runtime").isObject()).isTrue();
    assertThat(explorer.get("frontmatter").get("runtime").get("rules").isArray()).isTrue();
    assertThat(explorer.get("markdown").asText()).contains("## How to act");
    assertThat(explorer.get("html").asText()).contains("<h2>How to act</h2>");
    assertThat(explorer.get("lineage").isArray()).isTrue();
    assertThat(explorer.get("lineage")).isEmpty();
    assertThat(explorer.get("uses").asInt()).isGreaterThanOrEqualTo(0);
    assertThat(explorer.get("successes").asInt()).isBetween(0, explorer.get("uses").asInt());
    assertThat(explorer.get("path").asText()).endsWith("explorer.md");
  }

  @Test
  void rawHtmlInAnAgentsMarkdownIsEscaped() throws Exception {
    JsonNode agent = json(get("/api/agents/html-demo"));

    assertThat(agent.get("kind").asText()).isEqualTo("specialist");
    assertThat(agent.get("markdown").asText()).contains("<script>alert('owned')</script>");
    String html = agent.get("html").asText();
    assertThat(html).contains("<h1>Html demo</h1>", "<em>notes</em>", "&lt;script&gt;");
    assertThat(html).doesNotContain("<script").doesNotContain("javascript:");
    assertThat(html).contains("link that would run");
  }

  @Test
  void thePageMayRunOnlyItsOwnScripts() throws Exception {
    HttpResponse<String> page = get("/");
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy)
        .contains("default-src 'self'", "script-src 'self' 'sha256-", "object-src 'none'")
        .doesNotContain("unsafe-eval");
    // The hash is that of the page's one inline script, its import map.
    java.util.regex.Matcher map =
        java.util.regex.Pattern.compile(
                "<script type=\"importmap\">(.*?)</script>", java.util.regex.Pattern.DOTALL)
            .matcher(page.body());
    assertThat(map.find()).isTrue();
    String hash =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
    assertThat(policy).contains("'sha256-" + hash + "'");
  }

  @Test
  void pagesOfOtherSitesAreRefused() throws Exception {
    assertError(
        request(base + "/api/status", b -> b.header("Origin", "http://evil.example")),
        403,
        "evil.example");
    assertError(
        request(
            base + "/api/runs",
            b ->
                b.header("Origin", "http://localhost:1" + server.port())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))),
        403,
        "other sites");
    assertThat(request(base + "/api/status", b -> b.header("Origin", base)).statusCode())
        .isEqualTo(200);
    // A WebSocket is what another site's page could open: refused at the handshake.
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Origin", "http://evil.example")
                    .buildAsync(wsUri(""), new WebSocket.Listener() {})
                    .join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void skillsAreListedAndComeOneByOne() throws Exception {
    JsonNode skills = json(get("/api/skills"));

    assertThat(skills.isArray()).isTrue();
    assertThat(skills.size()).isGreaterThan(3);
    JsonNode first = find(skills, "obstacle-avoidance");
    assertThat(first.path("kind").isMissingNode() || first.get("kind").isNull()).isTrue();

    HttpResponse<String> r = get("/api/skills/obstacle-avoidance");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode skill = json(r);
    assertThat(skill.get("name").asText()).isEqualTo("obstacle-avoidance");
    assertThat(skill.get("markdown").asText()).isNotBlank();
    assertThat(skill.get("html").asText()).startsWith("<");
    assertThat(skill.get("frontmatter").get("name").asText()).isEqualTo("obstacle-avoidance");
  }

  @Test
  void arenasAreListedWithTheirGeometry() throws Exception {
    JsonNode arenas = json(get("/api/arenas"));
    JsonNode office = find(arenas, "office");
    assertThat(office.get("widthM").asDouble()).isPositive();
    assertThat(office.get("heightM").asDouble()).isPositive();
    assertThat(arenas).extracting(a -> a.get("name").asText()).contains("obstacles", "maze");

    HttpResponse<String> r = get("/api/arenas/office");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = json(r);
    assertThat(a.get("name").asText()).isEqualTo("office");
    assertThat(a.get("walls")).isNotEmpty();
    for (JsonNode w : a.get("walls")) {
      assertThat(w.has("x1") && w.has("y1") && w.has("x2") && w.has("y2")).isTrue();
      assertThat(w.get("thicknessM").asDouble()).isPositive();
      assertThat(w.get("colour").asText()).matches("#[0-9a-f]{6}");
    }
    assertThat(a.get("objects")).isNotEmpty();
    assertThat(a.get("objects")).extracting(o -> o.get("label").asText()).contains("red-ball");
    for (JsonNode o : a.get("objects")) {
      assertThat(o.get("shape").asText()).matches("[a-z]+");
      assertThat(o.get("colour").asText()).matches("#[0-9a-f]{6}");
      assertThat(o.get("x").asDouble()).isBetween(0.0, a.get("widthM").asDouble());
    }
    assertThat(a.get("starts")).isNotEmpty();
    assertThat(a.get("starts").get(0).has("headingRad")).isTrue();
    assertThat(a.get("boxes").isArray() && a.get("cylinders").isArray() && a.get("lines").isArray())
        .isTrue();
  }

  @Test
  void unknownThingsAre404WithAMessageNamingThem() throws Exception {
    assertError(get("/api/agents/no-such-agent"), 404, "no-such-agent");
    assertError(get("/api/skills/no-such-skill"), 404, "no-such-skill");
    assertError(get("/api/arenas/no-such-arena"), 404, "no-such-arena");
    assertError(get("/api/robots/robot-9"), 404, "robot-9");
    assertError(get("/api/runs/no-such-run"), 404, "no-such-run");
    assertError(get("/api/runs/no-such-run/ticks"), 404, "no-such-run");
    assertError(get("/api/runs/no-such-run/map"), 404, "no-such-run");
    assertError(get("/api/nothing-here"), 404, "/api/nothing-here");
  }

  @Test
  void anArenaNameThatIsAPathReadsNoFile() throws Exception {
    assertError(get("/api/arenas/office.yaml"), 404, "office.yaml");
    assertError(get("/api/arenas/..%2F..%2F..%2Fetc%2Fpasswd"), 404, "passwd");
    assertError(get("/api/arenas/%2Fetc%2Fpasswd"), 404, "passwd");
    assertError(get("/api/runs/..%2F..%2Fetc"), 404, "etc");
  }

  @Test
  void thePageAndItsScriptsAreServed() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<script type=\"importmap\">", "/vendor/three/");

    for (String path : List.of("/app.js", "/vendor/three/build/three.module.js")) {
      HttpResponse<String> js = get(path);
      assertThat(js.statusCode()).as(path).isEqualTo(200);
      assertThat(js.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
      assertThat(js.body()).as(path).contains("import");
    }
  }

  // ---------------------------------------------------------------- starting runs

  @Test
  void aRunIsStartedOnlyWithAGoodJsonBody() throws Exception {
    assertError(
        send("POST", "/api/runs", "{\"agent\":\"explorer\",\"arena\":\"office\"}", "text/plain"),
        415,
        "Content-Type: application/json");
    assertError(send("POST", "/api/runs", "agent=explorer", null), 415, "application/json");
    assertError(post("/api/runs", "{\"agent\": \"explorer\", "), 400, "not valid JSON");
    assertError(post("/api/runs", "[\"explorer\"]"), 400, "JSON object");
    assertError(post("/api/runs", "\"explorer\""), 400, "JSON object");
    assertError(post("/api/runs", "{\"arena\":\"office\"}"), 400, "\"agent\"");
    assertError(post("/api/runs", "{\"agent\":\"explorer\"}"), 400, "\"arena\"");
    assertError(post("/api/runs", "{\"agent\":7,\"arena\":\"office\"}"), 400, "\"agent\"");
    assertError(
        post("/api/runs", "{\"agent\":\"explorer\",\"arena\":\"office\",\"colour\":\"red\"}"),
        400,
        "colour");
    for (String speed : List.of("-1", "1001", "\"fast\"")) {
      assertError(
          post(
              "/api/runs", "{\"agent\":\"explorer\",\"arena\":\"office\",\"speed\":" + speed + "}"),
          400,
          "\"speed\"");
    }
    for (String duration : List.of("0", "-5", "3601", "\"long\"")) {
      assertError(
          post(
              "/api/runs",
              "{\"agent\":\"explorer\",\"arena\":\"office\",\"durationS\":" + duration + "}"),
          400,
          "\"durationS\"");
    }
    for (String seed : List.of("1.5", "\"one\"", "true")) {
      assertError(
          post("/api/runs", "{\"agent\":\"explorer\",\"arena\":\"office\",\"seed\":" + seed + "}"),
          400,
          "\"seed\"");
    }
    assertError(
        post("/api/runs", "{\"agent\":\"no-such-agent\",\"arena\":\"office\"}"),
        404,
        "no-such-agent");
    assertError(
        post("/api/runs", "{\"agent\":\"explorer\",\"arena\":\"no-such-arena\"}"),
        404,
        "no-such-arena");

    // None of those started anything.
    assertThat(json(get("/api/status")).get("live").isNull()).isTrue();
    assertThat(json(get("/api/robots"))).isEmpty();
  }

  @Test
  void aLiveRunIsPausedResumedSpedUpAndStopped() throws Exception {
    HttpResponse<String> started =
        post(
            "/api/runs",
            "{\"agent\":\"explorer\",\"arena\":\"office\",\"seed\":3,\"speed\":4,\"durationS\":60}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    JsonNode run = json(started);
    String id = run.get("id").asText();
    assertThat(id).contains("explorer").endsWith("-s3");
    assertThat(run.get("agent").asText()).isEqualTo("explorer");
    assertThat(run.get("arena").asText()).isEqualTo("office");
    assertThat(run.get("seed").asLong()).isEqualTo(3);
    assertThat(run.get("state").asText()).isEqualTo("running");
    assertThat(run.get("speed").asDouble()).isEqualTo(4.0);
    assertThat(run.get("durationS").asDouble()).isEqualTo(60.0);
    assertThat(run.get("outcome").isNull()).isTrue();

    // One live run at a time.
    assertError(post("/api/runs", "{\"agent\":\"explorer\",\"arena\":\"obstacles\"}"), 409, id);

    long firstTicks = awaitValue(() -> liveTick(), t -> t >= 5, "the run ticks");
    JsonNode robots = json(get("/api/robots"));
    assertThat(robots).hasSize(1);
    assertThat(robots.get(0).get("run").asText()).isEqualTo(id);
    String robotId = robots.get(0).get("id").asText();
    assertThat(json(get("/api/robots/" + robotId)).get("x").isNumber()).isTrue();
    assertThat(json(get("/api/status")).get("live").get("id").asText()).isEqualTo(id);
    assertThat(firstTicks).isPositive();

    // Pause: the simulation stands still.
    JsonNode paused = json(post("/api/runs/" + id + "/pause", ""));
    assertThat(paused.get("state").asText()).isEqualTo("paused");
    Thread.sleep(150); // the tick under way when the pause came finishes
    long t1 = liveTick();
    Thread.sleep(600);
    long t2 = liveTick();
    assertThat(t2).as("ticks while paused").isEqualTo(t1);
    assertThat(json(get("/api/status")).get("live").get("state").asText()).isEqualTo("paused");

    // Resume: it goes on.
    JsonNode resumed = json(post("/api/runs/" + id + "/resume", ""));
    assertThat(resumed.get("state").asText()).isEqualTo("running");
    awaitValue(() -> liveTick(), t -> t > t2 + 3, "ticks after resuming");

    // Stopped while paused, a run ends where it stands: no tick after the pause.
    // (Checked at the end; first the speed.)

    // Speed.
    assertError(send("POST", "/api/runs/" + id + "/speed", "{\"speed\":2}", null), 415, "JSON");
    assertError(post("/api/runs/" + id + "/speed", "{\"speed\":-2}"), 400, "\"speed\"");
    assertError(post("/api/runs/" + id + "/speed", "{}"), 400, "\"speed\"");
    JsonNode faster = json(post("/api/runs/" + id + "/speed", "{\"speed\":2.5}"));
    assertThat(faster.get("speed").asDouble()).isEqualTo(2.5);
    assertThat(json(get("/api/status")).get("live").get("speed").asDouble()).isEqualTo(2.5);

    // Stop, while paused: it ends where it stands, recorded, outcome stopped.
    assertThat(json(post("/api/runs/" + id + "/pause", "")).get("state").asText())
        .isEqualTo("paused");
    Thread.sleep(200);
    long pausedAt = liveTick();
    HttpResponse<String> stop = post("/api/runs/" + id + "/stop", "");
    assertThat(stop.statusCode()).isEqualTo(200);
    assertThat(json(stop).get("state").asText()).isIn("stopping", "finished");
    JsonNode finished =
        awaitValue(
            () -> json(get("/api/runs/" + id)),
            d -> d.get("live").get("state").asText().equals("finished"),
            "the stopped run to finish");
    assertThat(finished.get("live").get("outcome").asText()).isEqualTo("stopped");
    assertThat(finished.get("summary").get("outcome").asText()).isEqualTo("stopped");
    assertThat(finished.get("live").get("summary").get("outcome").asText()).isEqualTo("stopped");
    assertThat(finished.get("ticks").asLong()).isGreaterThan(t2).isEqualTo(pausedAt + 1);
    assertThat(json(get("/api/status")).get("live").isNull()).isTrue();
    assertThat(json(get("/api/robots"))).isEmpty();

    // An ended run takes no more orders; an unknown one is not there.
    for (String control : List.of("pause", "resume", "stop")) {
      assertError(post("/api/runs/" + id + "/" + control, ""), 409, id);
      assertError(post("/api/runs/no-such-run/" + control, ""), 404, "no-such-run");
    }
    assertError(post("/api/runs/" + id + "/speed", "{\"speed\":1}"), 409, id);
  }

  @Test
  void aFinishedRunIsRecordedForReplay() throws Exception {
    HttpResponse<String> started =
        post(
            "/api/runs",
            "{\"agent\":\"explorer\",\"arena\":\"office\",\"seed\":2,\"speed\":0,\"durationS\":5}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String id = json(started).get("id").asText();
    awaitValue(() -> json(get("/api/status")).get("live"), JsonNode::isNull, "the run to finish");

    JsonNode list = json(get("/api/runs"));
    assertThat(list).isNotEmpty();
    assertThat(list.get(0).get("id").asText()).as("newest first").isEqualTo(id);
    assertThat(list.get(0).get("outcome").asText()).isEqualTo("completed");
    assertThat(list.get(0).get("agent").asText()).isEqualTo("explorer");
    assertThat(list.get(0).get("arena").asText()).isEqualTo("office");
    assertThat(list.get(0).get("seed").asLong()).isEqualTo(2);
    assertThat(list.get(0).get("live").asBoolean()).isFalse();
    List<String> startedAt = new ArrayList<>();
    list.forEach(e -> startedAt.add(e.get("startedAt").asText()));
    assertThat(startedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    JsonNode detail = json(get("/api/runs/" + id));
    assertThat(detail.get("header").get("agent").asText()).isEqualTo("explorer");
    assertThat(detail.get("header").get("arena").asText()).isEqualTo("office");
    assertThat(detail.get("header").get("seed").asLong()).isEqualTo(2);
    JsonNode summary = detail.get("summary");
    assertThat(summary.get("outcome").asText()).isEqualTo("completed");
    long ticks = detail.get("ticks").asLong();
    assertThat(ticks).isEqualTo(50).isEqualTo(summary.get("ticks").asLong());
    assertThat(summary.get("durationS").asDouble())
        .isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.2));
    assertThat(summary.get("decisionsByBrain").isObject()).isTrue();
    assertThat(summary.get("tickP50Ms").asDouble()).isNotNegative();

    JsonNode first10 = json(get("/api/runs/" + id + "/ticks?from=0&to=9"));
    assertThat(first10).hasSize(10);
    for (int i = 0; i < 10; i++) {
      JsonNode t = first10.get(i);
      assertThat(t.get("tick").asLong()).isEqualTo(i);
      assertThat(t.get("x").isNumber() && t.get("y").isNumber()).isTrue();
      assertThat(t.get("brain").asText()).isNotBlank();
      assertThat(t.get("latencyMs").asDouble()).isNotNegative();
    }
    JsonNode stepped = json(get("/api/runs/" + id + "/ticks?from=0&to=49&step=5"));
    assertThat(stepped)
        .extracting(t -> t.get("tick").asLong())
        .containsExactly(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L);
    assertThat(json(get("/api/runs/" + id + "/ticks"))).hasSize((int) ticks);

    assertError(get("/api/runs/" + id + "/ticks?from=9&to=2"), 400, "from");
    assertError(get("/api/runs/" + id + "/ticks?from=-1&to=2"), 400, "from");
    assertError(get("/api/runs/" + id + "/ticks?from=zero"), 400, "from");
    assertError(get("/api/runs/" + id + "/ticks?step=0"), 400, "step");

    JsonNode map = json(get("/api/runs/" + id + "/map?tick=20"));
    assertThat(map.get("type").asText()).isEqualTo("map");
    assertThat(map.get("tick").asLong()).isEqualTo(20);
    assertMap(map);
    JsonNode last = json(get("/api/runs/" + id + "/map"));
    assertThat(last.get("tick").asLong()).isEqualTo(ticks - 1);
    assertThat(last.get("trail").size()).isGreaterThanOrEqualTo(map.get("trail").size());
    assertError(get("/api/runs/" + id + "/map?tick=100000"), 400, "100000");
    assertError(get("/api/runs/" + id + "/map?tick=soon"), 400, "tick");

    // The run counts as a use of its agent.
    JsonNode explorer = json(get("/api/agents/explorer"));
    assertThat(explorer.get("uses").asInt()).isPositive();
    assertThat(explorer.get("successes").asInt()).isPositive();
  }

  // ---------------------------------------------------------------- live

  @Test
  void theLiveSocketStreamsStateMapsAndRunChanges() throws Exception {
    LiveClient client = LiveClient.connect(wsUri(""));
    try {
      JsonNode hello = client.await(0, type("hello"), WAIT);
      assertThat(client.messages().get(0).get("type").asText()).isEqualTo("hello");
      assertThat(hello.get("version").asText()).isEqualTo(VERSION);
      // No run is live: the hello names none, or the one that finished last.
      JsonNode previousRun = hello.get("run");
      assertThat(previousRun.isNull() || previousRun.get("state").asText().equals("finished"))
          .as(previousRun.toString())
          .isTrue();

      int mark = client.size();
      String id = start("explorer", "office", 4, 60);
      JsonNode started = client.await(mark, run(id, "running"), WAIT);
      assertThat(started.get("agent").asText()).isEqualTo("explorer");

      // State at >= 10 a second.
      client.await(mark, m -> type("state").test(m) && m.get("run").asText().equals(id), WAIT);
      int from = client.size();
      long t0 = System.nanoTime();
      Thread.sleep(2500);
      int to = client.size();
      double seconds = (System.nanoTime() - t0) / 1e9;
      List<JsonNode> window = client.messages().subList(from, to);
      List<JsonNode> states = window.stream().filter(type("state")).toList();
      assertThat(states.size() / seconds).as("state messages a second").isGreaterThanOrEqualTo(10);
      long previous = -1;
      for (JsonNode s : states) {
        assertThat(s.get("run").asText()).isEqualTo(id);
        assertThat(s.get("tick").asLong()).isGreaterThan(previous);
        previous = s.get("tick").asLong();
        assertThat(s.get("dropped").asLong()).isNotNegative();
        assertThat(s.get("robots")).hasSize(1);
        assertThat(s.get("robots").get(0).get("x").isNumber()).isTrue();
        JsonNode decisions = s.get("decisions");
        assertThat(decisions.size()).isBetween(1, 20);
        assertThat(decisions.get(decisions.size() - 1).get("tick").asLong())
            .isEqualTo(s.get("tick").asLong());
        for (JsonNode d : decisions) {
          assertThat(d.get("brain").asText()).isNotBlank();
          assertThat(d.has("reason")).isTrue();
          assertThat(d.get("latencyMs").asDouble()).isNotNegative();
        }
      }
      assertThat(states.get(states.size() - 1).get("decisions")).hasSize(20);

      // A client that connected after an earlier run got that run's last map first.
      JsonNode map =
          client.await(mark, m -> type("map").test(m) && m.get("run").asText().equals(id), WAIT);
      assertMap(map);

      // Run changes.
      mark = client.size();
      var unused = post("/api/runs/" + id + "/pause", "");
      client.await(mark, run(id, "paused"), WAIT);
      mark = client.size();
      unused = post("/api/runs/" + id + "/resume", "");
      client.await(mark, run(id, "running"), WAIT);
      mark = client.size();
      unused = post("/api/runs/" + id + "/stop", "");
      JsonNode end = client.await(mark, run(id, "finished"), WAIT);
      assertThat(end.get("outcome").asText()).isEqualTo("stopped");
      assertThat(client.closed()).isNotDone();
    } finally {
      client.abort();
    }
  }

  @Test
  void anAgentWithATargetSendsCameraFrames() throws Exception {
    LiveClient client = LiveClient.connect(wsUri(""));
    try {
      String id = start("object-seeker", "office", 4, 60);
      JsonNode camera =
          client.await(0, m -> type("camera").test(m) && m.get("run").asText().equals(id), WAIT);

      assertThat(camera.get("run").asText()).isEqualTo(id);
      assertThat(camera.get("width").asInt()).isPositive();
      assertThat(camera.get("height").asInt()).isPositive();
      assertThat(camera.get("frameId").isInt()).isTrue();
      String jpeg = camera.get("jpeg").asText();
      assertThat(jpeg).startsWith("/9j/");
      byte[] bytes = Base64.getDecoder().decode(jpeg);
      assertThat(bytes.length).isGreaterThan(100);
      assertThat(camera.has("error")).isTrue();
      assertThat(camera.get("detections").isArray()).isTrue();
      for (JsonNode d : camera.get("detections")) {
        assertThat(d.get("label").asText()).isNotBlank();
        assertThat(d.get("x").asDouble()).isBetween(0.0, 1.0);
        assertThat(d.get("w").asDouble()).isBetween(0.0, 1.0);
      }

      // A frame with an object of the arena in it, once the robot has turned towards one.
      JsonNode seen =
          client.await(
              0,
              m -> type("camera").test(m) && m.get("detections").size() > 0,
              Duration.ofSeconds(30));
      JsonNode object = seen.get("detections").get(0);
      List<String> labels = new ArrayList<>();
      json(get("/api/arenas/office"))
          .get("objects")
          .forEach(o -> labels.add(o.get("label").asText()));
      assertThat(object.get("label").asText()).isIn(labels);
      assertThat(object.get("confidence").asDouble()).isBetween(0.0, 1.0);
      assertThat(object.get("x").asDouble() + object.get("w").asDouble()).isBetween(0.0, 1.0001);
      assertThat(object.get("y").asDouble() + object.get("h").asDouble()).isBetween(0.0, 1.0001);
    } finally {
      client.abort();
    }
  }

  // ---------------------------------------------------------------- access

  @Test
  void aForeignHostIsRefused() throws Exception {
    assertThat(rawGet(server.port(), "evil.example")).startsWith("HTTP/1.1 403");
    assertThat(rawGet(server.port(), "evil.example:" + server.port())).startsWith("HTTP/1.1 403");
    assertThat(rawGet(server.port(), "127.0.0.1.evil.example")).startsWith("HTTP/1.1 403");
    assertThat(rawGet(server.port(), "localhost:" + server.port())).startsWith("HTTP/1.1 200");
    assertThat(rawGet(server.port(), "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
  }

  @Test
  void withATokenEveryRequestMustCarryIt() throws Exception {
    try (DashboardServer secured =
        DashboardServer.start(
            workspace,
            new CliRunStarter(workspace),
            new DashboardServer.Options("127.0.0.1", 0, Optional.of(TOKEN)),
            VERSION)) {
      String at = "http://127.0.0.1:" + secured.port();
      assertThat(secured.browserUri().toString()).endsWith("?token=" + TOKEN);

      HttpResponse<String> none = request(at + "/api/status", b -> b);
      assertError(none, 401, "token");
      assertError(
          request(at + "/api/status", b -> b.header("Authorization", "Bearer wrong-token-123456")),
          401,
          "token");
      assertError(request(at + "/api/status?token=wrong-token-123456", b -> b), 401, "token");
      assertThat(request(at + "/", b -> b).statusCode()).isEqualTo(401);

      HttpResponse<String> bearer =
          request(at + "/api/status", b -> b.header("Authorization", "Bearer " + TOKEN));
      assertThat(bearer.statusCode()).isEqualTo(200);
      assertThat(json(bearer).get("version").asText()).isEqualTo(VERSION);
      assertThat(bearer.headers().firstValue("Set-Cookie")).isEmpty();

      HttpResponse<String> query = request(at + "/?token=" + TOKEN, b -> b);
      // Kept in a cookie, and out of the address bar.
      assertThat(query.statusCode()).isEqualTo(302);
      assertThat(query.headers().firstValue("Location")).contains("/");
      String cookie = query.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith("llmos_token=" + TOKEN + ";").contains("HttpOnly");
      assertThat(cookie).containsIgnoringCase("SameSite=Strict");

      HttpResponse<String> withCookie =
          request(at + "/api/status", b -> b.header("Cookie", "llmos_token=" + TOKEN));
      assertThat(withCookie.statusCode()).isEqualTo(200);

      // A host check is not needed with a token, but the token is.
      URI live = URI.create("ws://127.0.0.1:" + secured.port() + "/api/live");
      assertThatThrownBy(() -> LiveClient.connect(live))
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
      LiveClient client = LiveClient.connect(URI.create(live + "?token=" + TOKEN));
      try {
        assertThat(client.await(0, type("hello"), WAIT).get("version").asText()).isEqualTo(VERSION);
      } finally {
        client.abort();
      }
    }
  }

  @Test
  void anotherAddressThanLoopbackNeedsAToken() {
    assertThatThrownBy(() -> new DashboardServer.Options("0.0.0.0", 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0.0.0")
        .hasMessageContaining("--token");
    assertThatThrownBy(
            () -> new DashboardServer.Options("127.0.0.1", 0, Optional.of("0123456789abcde")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16");
    assertThatThrownBy(() -> DashboardServer.Options.local(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--port");
    assertThat(new DashboardServer.Options("0.0.0.0", 0, Optional.of(TOKEN)).token())
        .contains(TOKEN);
  }

  @Test
  void aPortInUseIsReportedWithWhatToDo() {
    assertThatThrownBy(
            () ->
                DashboardServer.start(
                    workspace,
                    new CliRunStarter(workspace),
                    DashboardServer.Options.local(server.port()),
                    VERSION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(String.valueOf(server.port()))
        .hasMessageContaining("--port");
  }

  // ---------------------------------------------------------------- helpers

  private String start(String agent, String arena, double speed, double durationS)
      throws Exception {
    HttpResponse<String> r =
        post(
            "/api/runs",
            JSON.writeValueAsString(
                java.util.Map.of(
                    "agent", agent, "arena", arena, "speed", speed, "durationS", durationS)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("id").asText();
  }

  private long liveTick() throws Exception {
    return json(get("/api/status")).get("live").get("tick").asLong();
  }

  private static void assertMap(JsonNode map) {
    int cols = map.get("cols").asInt();
    int rows = map.get("rows").asInt();
    assertThat(cols).isPositive();
    assertThat(rows).isPositive();
    assertThat(map.get("resolutionM").asDouble()).isPositive();
    assertThat(map.has("originXM") && map.has("originYM")).isTrue();
    byte[] cells = Base64.getDecoder().decode(map.get("cells").asText());
    assertThat(cells).hasSize(cols * rows);
    int known = 0;
    for (byte c : cells) {
      assertThat(c).isBetween((byte) 0, (byte) 2);
      if (c != 0) {
        known++;
      }
    }
    assertThat(known).as("cells seen").isPositive();
    assertThat(map.get("trail")).isNotEmpty();
    assertThat(map.get("trail").size()).isLessThanOrEqualTo(2000);
    for (JsonNode p : map.get("trail")) {
      assertThat(p).hasSize(2);
    }
    assertThat(map.get("objects").isArray()).isTrue();
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (item.get("name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("no " + name + " in " + list);
  }

  private static void assertError(HttpResponse<String> r, int status, String mentions)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .as("content type of " + r.body())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.size()).as(r.body()).isEqualTo(1);
    assertThat(body.get("error").asText()).contains(mentions);
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type"))
        .as(r.uri() + ": " + r.body())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return request(base + path, b -> b);
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return send("POST", path, body, "application/json");
  }

  private HttpResponse<String> send(String method, String path, String body, String type)
      throws IOException, InterruptedException {
    return request(
        base + path,
        b -> {
          b.method(method, HttpRequest.BodyPublishers.ofString(body));
          return type == null ? b : b.header("Content-Type", type);
        });
  }

  private HttpResponse<String> request(
      String uri, java.util.function.UnaryOperator<HttpRequest.Builder> how)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20));
    return http.send(how.apply(b).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI wsUri(String query) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/api/live" + query);
  }

  /** A raw HTTP/1.1 GET of /api/status with the given Host header; the status line and more. */
  private static String rawGet(int port, String host) throws IOException {
    try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      return in.readLine();
    }
  }

  private interface Check<T> {
    T get() throws Exception;
  }

  private static <T> T awaitValue(Check<T> value, Predicate<T> until, String what)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = value.get();
    while (!until.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; last: " + last);
      }
      Thread.sleep(20);
      last = value.get();
    }
    return last;
  }

  private static Predicate<JsonNode> type(String type) {
    return m -> m.get("type").asText().equals(type);
  }

  private static Predicate<JsonNode> run(String id, String state) {
    return m ->
        type("run").test(m)
            && m.get("id").asText().equals(id)
            && m.get("state").asText().equals(state);
  }
}
