package dev.llmos.app.mcp;

import dev.llmos.kernel.catalog.AgentSchema;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.CatalogWriter;
import dev.llmos.kernel.catalog.SkillSchema;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.memory.MemoryHit;
import dev.llmos.kernel.memory.MemoryStore;
import dev.llmos.kernel.memory.NewTrace;
import dev.llmos.kernel.memory.Trace;
import dev.llmos.kernel.promotion.Candidates;
import dev.llmos.kernel.promotion.Promoter;
import dev.llmos.kernel.promotion.Promotion;
import dev.llmos.kernel.promotion.PromotionCheck;
import dev.llmos.kernel.promotion.PromotionRefusedException;
import dev.llmos.kernel.search.SkillHit;
import dev.llmos.kernel.search.SkillSearch;
import dev.llmos.kernel.usage.ItemKind;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.volume.Names;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.agent.RunMemory;
import dev.llmos.runtime.blackbox.BlackBox;
import dev.llmos.runtime.blackbox.Replay;
import dev.llmos.runtime.blackbox.RunRecording;
import dev.llmos.runtime.blackbox.RunSummary;
import dev.llmos.runtime.blackbox.TickRecord;
import dev.llmos.sim.arena.ArenaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The tools {@code llmos mcp} offers. Each call opens the workspace afresh, so it sees what a
 * person changed meanwhile; tools take names, never paths, and every name is checked against the
 * kernel's naming rule, so no call reaches outside the workspace's volumes and runs.
 */
public final class LlmosTools {
  /**
   * The longest run {@code run_simulation} starts, in robot seconds: a call should end in a minute.
   */
  static final double MAX_RUN_S = 600;

  static final int MAX_EXCERPT = 50;

  private static final String READ_ONLY_SYSTEM =
      "the system volume is read-only: its agents and skills change by promotion (the promote"
          + " tool) or in its own repository";

  private final Supplier<Workspace> workspace;
  private final AgentCreator creator;
  private final SimulationLauncher launcher;

  /**
   * @param workspace opens the workspace for one call
   */
  public LlmosTools(
      Supplier<Workspace> workspace, AgentCreator creator, SimulationLauncher launcher) {
    this.workspace = workspace;
    this.creator = creator;
    this.launcher = launcher;
  }

  /** Every tool, in the order they are listed. */
  List<Tool> all() {
    Param volume =
        Param.string("volume", "Where to write: the user volume (default) or the team volume.")
            .oneOf(List.of("user", "team"), READ_ONLY_SYSTEM)
            .orElse("user");
    Param message =
        Param.string("message", "Why it is written: the commit message's body.").optional();
    return List.of(
        new Tool(
            "list_agents",
            "List the agents in effect (a user agent hides a team or system one), with kind,"
                + " version, volume and description, and any agent file skipped as invalid.",
            List.of(),
            args -> listAgents()),
        new Tool(
            "read_agent",
            "Read an agent: where it is, its kind and version, and its markdown file.",
            List.of(Param.string("name", "The agent's name, as list_agents shows it.")),
            args -> readAgent(name(args, "name"))),
        new Tool(
            "write_agent",
            "Validate an agent file and, when valid, add it to the user or team volume as one git"
                + " commit. The name comes from its frontmatter and must be new in every volume.",
            List.of(
                Param.string(
                    "text",
                    "The whole agent file: YAML frontmatter between --- lines, then the prompt."),
                volume,
                message),
            args -> writeAgent(args)),
        new Tool(
            "validate_agent",
            "Check an agent file against the schema without writing it; every problem with line"
                + " and column.",
            List.of(Param.string("text", "The whole agent file.")),
            args -> validateAgent(args.string("text"))),
        new Tool(
            "list_skills",
            "List the skills in effect, with volume and description, and any skill skipped as"
                + " invalid.",
            List.of(),
            args -> listSkills()),
        new Tool(
            "read_skill",
            "Read a skill: where it is, its resources and its SKILL.md.",
            List.of(Param.string("name", "The skill's name, as list_skills shows it.")),
            args -> readSkill(name(args, "name"))),
        new Tool(
            "write_skill",
            "Validate a SKILL.md and, when valid, add it as skills/NAME/SKILL.md to the user or"
                + " team volume as one git commit.",
            List.of(
                Param.string("text", "The whole SKILL.md: frontmatter, then the body."),
                volume,
                message),
            args -> writeSkill(args)),
        new Tool(
            "validate_skill",
            "Check a SKILL.md against the schema without writing it; every problem with line and"
                + " column.",
            List.of(Param.string("text", "The whole SKILL.md.")),
            args -> validateSkill(args.string("text"))),
        new Tool(
            "search_skills",
            "Find skills by what they do, best first (BM25 over names and descriptions).",
            List.of(
                Param.string("query", "What the skill should do, in a few words."),
                Param.integer("limit", "At most this many skills.", 1, 20).orElse(5L)),
            args -> searchSkills(args.string("query"), (int) args.integer("limit"))),
        new Tool(
            "query_memory",
            "Query what the workspace remembers: traces of past work and consolidated learnings,"
                + " most relevant first.",
            List.of(
                Param.string("query", "What to look for, in a few words."),
                Param.integer(
                        "limit",
                        "At most this many results (default and maximum: memory.query in the"
                            + " kernel's memory-rules).",
                        1,
                        1000)
                    .optional()),
            args -> queryMemory(args.string("query"), args.optionalInteger("limit"))),
        new Tool(
            "log_memory",
            "Remember a piece of work as a short-term trace in the user volume (one commit): what"
                + " was asked, what happened and how well it went; consolidation turns repeated"
                + " traces into learnings.",
            List.of(
                Param.string("agent", "The agent that did the work, e.g. system-agent."),
                Param.string("goal", "What was asked, in one line."),
                Param.string("outcome", "What happened."),
                Param.number("success", "How well it went: 0 failed, 1 fully succeeded.", 0, 1),
                Param.string("notes", "Free markdown notes: decisions, the lesson if any.")
                    .optional()),
            args -> logMemory(args)),
        new Tool(
            "create_agent",
            "Compose a new agent from a description, validate it and add it to the user or team"
                + " volume as one git commit.",
            List.of(
                Param.string("description", "What the agent should do, and when to use it."),
                Param.string("name", "The new agent's name (lower-case, digits, hyphens).")
                    .optional(),
                volume),
            args -> createAgent(args)),
        new Tool(
            "run_simulation",
            "Run a robot agent on a simulated robot at full speed, recorded under runs/ and in"
                + " memory and usage; returns the run id and its metrics.",
            List.of(
                Param.string("agent", "The robot agent's name."),
                Param.string("arena", "A shipped simulator arena.")
                    .oneOf(ArenaCatalog.PACKAGED, "")
                    .orElse("obstacles"),
                Param.number("duration_s", "Robot seconds to run.", 1, MAX_RUN_S).orElse(60.0),
                Param.integer("seed", "The simulation's seed.", 0, Long.MAX_VALUE / 2).orElse(1L)),
            args -> runAgent(args)),
        new Tool(
            "read_run",
            "A recorded run's header and metrics, and an excerpt of its trace: the first and last"
                + " decisions and events.",
            List.of(
                Param.string("run_id", "The run's id, as run_simulation returned it."),
                Param.integer(
                        "excerpt", "How many decisions and events from each end.", 1, MAX_EXCERPT)
                    .orElse(5L)),
            args -> readRun(runId(args), (int) args.integer("excerpt"))),
        new Tool(
            "list_promotion_candidates",
            "List the agents and skills whose use record qualifies them for promotion one volume"
                + " up, and those close to it.",
            List.of(),
            args -> candidates()),
        new Tool(
            "promote",
            "Promote an agent or skill from the user to the team volume when its use record"
                + " qualifies (kernel evolution-rules). Promotion into the system volume needs a"
                + " person's approval on the command line: `llmos promote NAME --approve`.",
            List.of(
                Param.string("name", "The agent's or skill's name."),
                Param.string("kind", "agent or skill, when both have the name.")
                    .oneOf(List.of("agent", "skill"), "")
                    .optional()),
            args -> promote(name(args, "name"), args.optionalString("kind"))));
  }

  /** A name argument, refused unless the kernel's naming rule allows it. */
  /** Run ids are made by LLMos (a time, the agent, the seed); anything else names no run. */
  private static final java.util.regex.Pattern RUN_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

  private static String runId(Arguments args) {
    String value = args.string("run_id");
    if (!RUN_ID.matcher(value).matches() || value.contains("..")) {
      throw new ToolError(
          "argument 'run_id': not a run id (letters, digits, '.', '_', '-'); run_simulation"
              + " returns one");
    }
    return value;
  }

  private static String name(Arguments args, String param) {
    String value = args.string(param);
    Names.problem(value)
        .ifPresent(
            p -> {
              throw new ToolError("argument '" + param + "': " + p);
            });
    return value;
  }

  private Catalog catalog(Workspace ws) {
    return Catalog.load(ws.volumes(), ws.kernel().settings());
  }

  private Map<String, Object> listAgents() {
    Catalog catalog = catalog(workspace.get());
    List<Map<String, Object>> agents = new ArrayList<>();
    for (AgentSpec a : catalog.agents()) {
      agents.add(
          object(
              "name", a.name(),
              "kind", a.kind().label(),
              "version", a.version(),
              "volume", a.volume().label(),
              "description", a.description()));
    }
    return object("agents", agents, "skipped", problems(onlyUnder(catalog.problems(), "agents/")));
  }

  private Map<String, Object> readAgent(String name) {
    Catalog catalog = catalog(workspace.get());
    AgentSpec a = catalog.agent(name).orElseThrow(() -> notLoaded(catalog, "agent", name));
    return object(
        "name", a.name(),
        "kind", a.kind().label(),
        "version", a.version(),
        "volume", a.volume().label(),
        "path", a.path(),
        "description", a.description(),
        "text", a.document().text());
  }

  private Map<String, Object> listSkills() {
    Catalog catalog = catalog(workspace.get());
    List<Map<String, Object>> skills = new ArrayList<>();
    for (SkillSpec s : catalog.skills()) {
      skills.add(
          object("name", s.name(), "volume", s.volume().label(), "description", s.description()));
    }
    return object("skills", skills, "skipped", problems(onlyUnder(catalog.problems(), "skills/")));
  }

  private Map<String, Object> readSkill(String name) {
    Catalog catalog = catalog(workspace.get());
    SkillSpec s = catalog.skill(name).orElseThrow(() -> notLoaded(catalog, "skill", name));
    return object(
        "name", s.name(),
        "volume", s.volume().label(),
        "path", s.path(),
        "description", s.description(),
        "resources", s.resources(),
        "text", s.document().text());
  }

  /** Not found, or found but invalid: then each problem with its line. */
  private static ToolError notLoaded(Catalog catalog, String kind, String name) {
    String path = ItemKind.parse(kind).pathOf(name);
    List<Problem> problems =
        catalog.problems().stream().filter(p -> p.where().source().endsWith(":" + path)).toList();
    if (!problems.isEmpty()) {
      return new ToolError(
          kind
              + " '"
              + name
              + "' is invalid, so it was not loaded:\n"
              + String.join("\n", problems.stream().map(p -> "  " + p).toList()));
    }
    return new ToolError(
        "no " + kind + " named '" + name + "' in any volume; list_" + kind + "s shows them");
  }

  private Map<String, Object> writeAgent(Arguments args) {
    return writeAgent(
        workspace.get(),
        parse(args.string("text")),
        VolumeKind.parse(args.string("volume")),
        args.optionalString("message"));
  }

  private Map<String, Object> writeAgent(
      Workspace ws, MarkdownDocument doc, VolumeKind target, Optional<String> why) {
    String name = declaredName(doc);
    refuseTaken(catalog(ws).agent(name).map(AgentSpec::volume), "agent", name);
    AgentSpec written =
        new CatalogWriter(ws.volumes(), ws.kernel().settings())
            .writeAgent(target, doc, commitMessage("agent", name, why));
    return object(
        "name", written.name(),
        "volume", written.volume().label(),
        "path", written.path(),
        "committed", true);
  }

  private Map<String, Object> writeSkill(Arguments args) {
    Workspace ws = workspace.get();
    MarkdownDocument doc = parse(args.string("text"));
    String name = declaredName(doc);
    refuseTaken(catalog(ws).skill(name).map(SkillSpec::volume), "skill", name);
    SkillSpec written =
        new CatalogWriter(ws.volumes(), ws.kernel().settings())
            .writeSkill(
                VolumeKind.parse(args.string("volume")),
                doc,
                Map.of(),
                commitMessage("skill", name, args.optionalString("message")));
    return object(
        "name", written.name(),
        "volume", written.volume().label(),
        "path", written.path(),
        "committed", true);
  }

  /** A new item never hides one of another volume: its name would then stand for something else. */
  private static void refuseTaken(Optional<VolumeKind> existing, String kind, String name) {
    existing.ifPresent(
        v -> {
          throw new ToolError(
              (kind.equals("agent") ? "an " : "a ")
                  + kind
                  + " named '"
                  + name
                  + "' already exists in the "
                  + v.label()
                  + " volume; choose another name");
        });
  }

  private static String commitMessage(String kind, String name, Optional<String> why) {
    return "Write " + kind + " " + name + " (MCP)" + why.map(w -> "\n\n" + w).orElse("");
  }

  private static MarkdownDocument parse(String text) {
    return MarkdownDocument.parse("text", text);
  }

  /** The document's name field, checked by the naming rule before anything uses it as a path. */
  private static String declaredName(MarkdownDocument doc) {
    String name = doc.fields().string("name");
    Names.problem(name)
        .ifPresent(
            p -> {
              throw new ToolError("the document's name field: " + p);
            });
    return name;
  }

  private Map<String, Object> validateAgent(String text) {
    Workspace ws = workspace.get();
    KernelSettings settings = ws.kernel().settings();
    return verdict(
        () -> {
          MarkdownDocument doc = parse(text);
          AgentSchema.read(
              doc, nameOrEmpty(doc), VolumeKind.USER, catalog(ws).skillNames(), settings);
        });
  }

  private Map<String, Object> validateSkill(String text) {
    KernelSettings settings = workspace.get().kernel().settings();
    return verdict(
        () -> {
          MarkdownDocument doc = parse(text);
          SkillSchema.read(doc, nameOrEmpty(doc), VolumeKind.USER, List.of(), settings);
        });
  }

  /** The name the document declares, checked against itself; a missing one is its own problem. */
  private static String nameOrEmpty(MarkdownDocument doc) {
    try {
      return doc.fields().string("name");
    } catch (InvalidDocumentException e) {
      return "";
    }
  }

  private static Map<String, Object> verdict(Runnable validation) {
    try {
      validation.run();
      return object("valid", true, "problems", List.of());
    } catch (InvalidDocumentException e) {
      return object("valid", false, "problems", problems(e.problems()));
    }
  }

  private Map<String, Object> searchSkills(String query, int limit) {
    List<SkillHit> hits;
    try (SkillSearch search = SkillSearch.of(catalog(workspace.get()))) {
      hits = search.search(query, limit);
    }
    List<Map<String, Object>> skills = new ArrayList<>();
    for (SkillHit h : hits) {
      skills.add(
          object(
              "name", h.name(),
              "score", h.score(),
              "volume", h.volume().label(),
              "description", h.description()));
    }
    return object("skills", skills);
  }

  private Map<String, Object> logMemory(Arguments args) {
    Trace trace =
        new MemoryStore(workspace.get())
            .log(
                new NewTrace(
                    name(args, "agent"),
                    args.string("goal"),
                    args.string("outcome"),
                    args.number("success"),
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    args.optionalString("notes").orElse("")));
    return object("id", trace.id(), "path", trace.path(), "committed", true);
  }

  private Map<String, Object> queryMemory(String query, Optional<Long> limit) {
    MemoryStore store = new MemoryStore(workspace.get());
    List<MemoryHit> hits =
        limit.isPresent() ? store.query(query, limit.get().intValue()) : store.query(query);
    List<Map<String, Object>> results = new ArrayList<>();
    for (MemoryHit h : hits) {
      results.add(
          object(
              "kind", h.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              "id", h.id(),
              "goal", h.goal(),
              "score", h.score(),
              "time", h.time().toString(),
              "summary", h.summary()));
    }
    return object("results", results);
  }

  private Map<String, Object> createAgent(Arguments args) {
    Workspace ws = workspace.get();
    String description = args.string("description");
    Optional<String> name = args.optionalString("name");
    name.ifPresent(
        n ->
            Names.problem(n)
                .ifPresent(
                    p -> {
                      throw new ToolError("argument 'name': " + p);
                    }));
    MarkdownDocument doc = creator.compose(ws, description, name);
    return writeAgent(ws, doc, VolumeKind.parse(args.string("volume")), Optional.of(description));
  }

  private Map<String, Object> runAgent(Arguments args) throws Exception {
    Workspace ws = workspace.get();
    String agentName = name(args, "agent");
    Catalog catalog = catalog(ws);
    AgentSpec agent =
        catalog.agent(agentName).orElseThrow(() -> notLoaded(catalog, "agent", agentName));
    if (agent.runtime().isEmpty()) {
      throw new ToolError(
          "'"
              + agentName
              + "' is a "
              + agent.kind().label()
              + " agent with no runtime block, so it cannot drive a robot; run a robot agent");
    }
    SimulationLauncher.Finished run =
        launcher.run(
            ws,
            agent,
            ArenaCatalog.loadPackaged(args.string("arena")),
            args.integer("seed"),
            args.number("duration_s"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("run_id", run.runId());
    result.put("outcome", run.summary().outcome());
    result.put("metrics", metrics(run.summary()));
    // After the run is recorded, so a memory or usage failure never loses the run id.
    result.put("memory", RunMemory.record(ws, agent, run.runId(), run.summary()).describe());
    return result;
  }

  private static Map<String, Object> metrics(RunSummary s) {
    return object(
        "duration_s", s.durationS(),
        "ticks", s.ticks(),
        "distance_m", s.distanceM(),
        "collisions", s.collisions(),
        "coverage", s.coverage(),
        "decisions_by_brain", new TreeMap<>(s.decisionsByBrain()),
        "escalations", new TreeMap<>(s.escalations()),
        "tick_p50_ms", s.tickP50Ms(),
        "tick_p99_ms", s.tickP99Ms());
  }

  private Map<String, Object> readRun(String runId, int excerpt) throws Exception {
    Path runs = workspace.get().runsDirectory();
    Path dir = runs.resolve(runId);
    if (!Files.isRegularFile(dir.resolve(BlackBox.TRACE))) {
      throw new ToolError("no run '" + runId + "' is recorded; run_simulation returns a run id");
    }
    RunRecording run = RunRecording.read(dir);
    Replay.Metrics m = Replay.of(run).metrics();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("run_id", run.header().runId());
    result.put("agent", run.header().agent());
    result.put("agent_version", run.header().agentVersion());
    result.put("robot", run.header().robot());
    result.put("arena", run.header().arena());
    result.put("seed", run.header().seed());
    result.put("started_at", run.header().startedAt());
    result.put(
        "summary",
        object(
            "finished", m.finished(),
            "outcome", m.outcome(),
            "duration_s", m.durationS(),
            "ticks", m.ticks(),
            "distance_m", m.distanceM(),
            "collisions", m.collisions(),
            "coverage", m.coverage(),
            "decisions_by_brain", new TreeMap<>(m.decisionsByBrain()),
            "escalations", new TreeMap<>(m.escalations()),
            "tick_p50_ms", m.tickP50Ms(),
            "tick_p99_ms", m.tickP99Ms(),
            "torn_lines", m.tornLines()));
    List<Map<String, Object>> decisions = run.ticks().stream().map(LlmosTools::decision).toList();
    List<Map<String, Object>> events =
        run.events().stream()
            .map(e -> object("tick", e.tick(), "kind", e.kind(), "message", e.message()))
            .toList();
    result.put("decisions_total", decisions.size());
    result.put("first_decisions", head(decisions, excerpt));
    result.put("last_decisions", tail(decisions, excerpt));
    result.put("events_total", events.size());
    result.put("first_events", head(events, excerpt));
    result.put("last_events", tail(events, excerpt));
    return result;
  }

  private static Map<String, Object> decision(TickRecord t) {
    return object(
        "tick", t.tick(),
        "time_s", t.timeS(),
        "x_m", t.xM(),
        "y_m", t.yM(),
        "brain", t.brain(),
        "command", t.command(),
        "reason", t.reason(),
        "verdict", t.verdict(),
        "nearest_range_m", t.nearestRangeM());
  }

  private static <T> List<T> head(List<T> items, int n) {
    return List.copyOf(items.subList(0, Math.min(n, items.size())));
  }

  private static <T> List<T> tail(List<T> items, int n) {
    return List.copyOf(items.subList(Math.max(0, items.size() - n), items.size()));
  }

  private Map<String, Object> candidates() {
    Candidates c = new Promoter(workspace.get()).candidates();
    return object(
        "qualifying",
        c.qualifying().stream().map(ch -> check(ch, ch.blockers())).toList(),
        "close",
        c.close().stream().map(ch -> check(ch, ch.shortfalls())).toList());
  }

  private static Map<String, Object> check(PromotionCheck c, List<String> notes) {
    return object(
        "item", c.item().key(),
        "from", c.step().from().label(),
        "to", c.step().to().label(),
        "evidence", c.evidence().summary(),
        "notes", notes);
  }

  private Map<String, Object> promote(String name, Optional<String> kind) {
    Workspace ws = workspace.get();
    Optional<ItemKind> itemKind = kind.map(ItemKind::parse);
    UsageKey key =
        Usage.of(ws)
            .resolve(name, itemKind)
            .orElseThrow(
                () ->
                    new ToolError(
                        "no "
                            + kind.orElse("agent or skill")
                            + " named '"
                            + name
                            + "' in any volume; list_agents and list_skills show them"));
    try {
      Promotion p = new Promoter(ws).promote(key, Optional.empty());
      return object(
          "item", key.key(),
          "from", p.step().from().label(),
          "to", p.step().to().label(),
          "uses", p.provenance().uses(),
          "successes", p.provenance().successes(),
          "target_commit", p.targetCommit(),
          "removal_commit", p.removalCommit());
    } catch (PromotionRefusedException e) {
      throw new ToolError("promotion refused: " + e.getMessage());
    }
  }

  private static List<Problem> onlyUnder(List<Problem> problems, String directory) {
    return problems.stream().filter(p -> p.where().source().contains(":" + directory)).toList();
  }

  static List<Map<String, Object>> problems(List<Problem> problems) {
    return problems.stream()
        .map(
            p ->
                object(
                    "source", p.where().source(),
                    "line", p.where().line(),
                    "column", p.where().column(),
                    "message", p.message()))
        .toList();
  }

  /** An ordered JSON object from key, value pairs. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
