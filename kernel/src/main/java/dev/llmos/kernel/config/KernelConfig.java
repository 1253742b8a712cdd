package dev.llmos.kernel.config;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.document.ProblemCollector;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.document.Yaml;
import dev.llmos.kernel.document.YamlMap;
import dev.llmos.kernel.volume.CommitAuthor;
import dev.llmos.kernel.volume.FileTooLargeException;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;

/**
 * The kernel's policies, read from the YAML block of each kernel markdown file. Each file is looked
 * up user, then team, then system, so a workspace may override a kernel file whole.
 *
 * @param sources the volume each file was read from
 */
public record KernelConfig(
    KernelSettings settings,
    SafetyLimits safety,
    PromotionPolicy promotion,
    EvolutionPolicy evolution,
    MemoryPolicy memory,
    OrchestrationPolicy orchestration,
    RuntimePolicy runtime,
    Map<KernelFile, VolumeKind> sources) {

  /** The largest kernel file read; kernel files are short prose with one YAML block. */
  private static final int MAX_KERNEL_FILE_BYTES = 1 << 20;

  public KernelConfig {
    sources = Map.copyOf(sources);
  }

  /**
   * Loads and checks every kernel file. All problems across all files are reported together; an
   * unknown key or a value out of range refuses the whole kernel.
   */
  public static KernelConfig load(VolumeSet volumes) {
    ProblemCollector problems = new ProblemCollector();
    Map<KernelFile, YamlMap> blocks = new EnumMap<>(KernelFile.class);
    Map<KernelFile, VolumeKind> sources = new EnumMap<>(KernelFile.class);
    for (KernelFile file : KernelFile.values()) {
      problems
          .check(() -> settingsBlock(volumes, file, sources))
          .ifPresent(block -> blocks.put(file, block));
    }
    problems.throwIfAny();
    var settings = problems.check(() -> readSettings(blocks.get(KernelFile.CONFIG)));
    var safety = problems.check(() -> readSafety(blocks.get(KernelFile.SAFETY_RULES)));
    var evolutionBlock = blocks.get(KernelFile.EVOLUTION_RULES);
    problems.run(() -> evolutionBlock.allowOnly(Set.of("promotion", "evolution")));
    var promotion = problems.check(() -> readPromotion(evolutionBlock));
    var evolution = problems.check(() -> readEvolution(evolutionBlock));
    var memory = problems.check(() -> readMemory(blocks.get(KernelFile.MEMORY_RULES)));
    var orchestration =
        problems.check(() -> readOrchestration(blocks.get(KernelFile.ORCHESTRATION_RULES)));
    var runtime = problems.check(() -> readRuntime(blocks.get(KernelFile.RUNTIME_RULES)));
    problems.throwIfAny();
    return new KernelConfig(
        settings.orElseThrow(),
        safety.orElseThrow(),
        promotion.orElseThrow(),
        evolution.orElseThrow(),
        memory.orElseThrow(),
        orchestration.orElseThrow(),
        runtime.orElseThrow(),
        sources);
  }

  /** Checks one kernel document on its own: frontmatter and a well-formed YAML block. */
  public static YamlMap settingsBlock(MarkdownDocument doc, KernelFile file) {
    YamlMap front = doc.fields();
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> front.allowOnly(Set.of("name", "description")));
    problems
        .check(() -> front.string("name"))
        .filter(name -> !name.equals(file.documentName()))
        .ifPresent(
            name ->
                problems.add(
                    front.valueLocationOf("name"),
                    "name '"
                        + name
                        + "' does not match the file; expected '"
                        + file.documentName()
                        + "'"));
    problems.check(() -> front.string("description"));
    List<FencedCodeBlock> yamlBlocks = new ArrayList<>();
    doc.bodyTree()
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(FencedCodeBlock block) {
                if ("yaml".equals(block.getInfo().strip())) {
                  yamlBlocks.add(block);
                }
              }
            });
    if (yamlBlocks.size() != 1) {
      problems.add(
          SourceLocation.of(doc.source(), doc.bodyFirstLine()),
          "a kernel file holds exactly one ```yaml block with its settings; found "
              + yamlBlocks.size());
    }
    problems.throwIfAny();
    FencedCodeBlock block = yamlBlocks.get(0);
    int fenceLine = doc.bodyFirstLine() + block.getSourceSpans().get(0).getLineIndex();
    return Yaml.parseMapping(doc.source(), block.getLiteral(), fenceLine + 1);
  }

  private static YamlMap settingsBlock(
      VolumeSet volumes, KernelFile file, Map<KernelFile, VolumeKind> sources) {
    Volume volume =
        volumes
            .find(file.path())
            .orElseThrow(
                () ->
                    new InvalidDocumentException(
                        SourceLocation.of(file.path()),
                        "kernel file is missing from every volume; the system volume must ship it"));
    String source = volume.kind().label() + ":" + file.path();
    byte[] bytes;
    try {
      bytes =
          volume
              .read(file.path(), MAX_KERNEL_FILE_BYTES)
              .orElseThrow(
                  () -> new InvalidDocumentException(SourceLocation.of(source), "file is missing"));
    } catch (FileTooLargeException e) {
      throw new InvalidDocumentException(
          SourceLocation.of(source),
          "kernel file is " + e.size() + " bytes; at most " + MAX_KERNEL_FILE_BYTES + " are read");
    }
    sources.put(file, volume.kind());
    return settingsBlock(MarkdownDocument.parse(source, bytes), file);
  }

  private static KernelSettings readSettings(YamlMap block) {
    block.allowOnly(Set.of("kernel", "git", "documents"));
    YamlMap kernel = block.map("kernel");
    kernel.allowOnly(Set.of("version"));
    YamlMap git = block.map("git");
    git.allowOnly(Set.of("author_name", "author_email"));
    YamlMap documents = block.map("documents");
    documents.allowOnly(Set.of("max_document_bytes", "max_description_chars"));
    String name = git.string("author_name");
    String email = git.string("author_email");
    if (name.isBlank() || email.isBlank()) {
      throw new InvalidDocumentException(
          git.location(), "git author_name and author_email must not be blank");
    }
    // Only kernel schema 1 is known; a newer kernel is refused rather than misread.
    return new KernelSettings(
        kernel.integer("version", 1, KernelSettings.KNOWN_VERSION),
        new CommitAuthor(name, email),
        documents.integer("max_document_bytes", 1024, 16 * 1024 * 1024),
        documents.integer("max_description_chars", 64, 4096));
  }

  private static SafetyLimits readSafety(YamlMap block) {
    block.allowOnly(Set.of("safety"));
    YamlMap s = block.map("safety");
    ProblemCollector problems = new ProblemCollector();
    problems.run(
        () ->
            s.allowOnly(
                Set.of(
                    "max_wheel_speed_mps",
                    "max_turn_rate_radps",
                    "emergency_stop_distance_m",
                    "min_safe_distance_m",
                    "slow_down_distance_m",
                    "watchdog_timeout_s",
                    "max_command_duration_s",
                    "oscillation_window_s",
                    "max_direction_reversals")));
    var speed = problems.check(() -> s.number("max_wheel_speed_mps", 0.001, 2.0));
    var turn = problems.check(() -> s.number("max_turn_rate_radps", 0.1, 20.0));
    var emergency = problems.check(() -> s.number("emergency_stop_distance_m", 0.01, 1.0));
    var safe = problems.check(() -> s.number("min_safe_distance_m", 0.01, 2.0));
    var slowDown = problems.check(() -> s.number("slow_down_distance_m", 0.01, 3.0));
    var watchdog = problems.check(() -> s.number("watchdog_timeout_s", 0.05, 5.0));
    var duration = problems.check(() -> s.number("max_command_duration_s", 0.1, 60.0));
    var window = problems.check(() -> s.number("oscillation_window_s", 0.5, 30.0));
    var reversals = problems.check(() -> s.integer("max_direction_reversals", 1, 50));
    problems.throwIfAny();
    requireLarger(s, "min_safe_distance_m", safe.orElseThrow(), "emergency_stop_distance_m");
    requireLarger(s, "slow_down_distance_m", slowDown.orElseThrow(), "min_safe_distance_m");
    return new SafetyLimits(
        speed.orElseThrow(),
        turn.orElseThrow(),
        emergency.orElseThrow(),
        safe.orElseThrow(),
        slowDown.orElseThrow(),
        watchdog.orElseThrow(),
        duration.orElseThrow(),
        window.orElseThrow(),
        reversals.orElseThrow());
  }

  /** Refuses {@code key} unless it is larger than {@code floorKey}, pointing at {@code key}. */
  private static void requireLarger(YamlMap s, String key, double value, String floorKey) {
    double floor = s.number(floorKey, -Double.MAX_VALUE, Double.MAX_VALUE);
    if (value <= floor) {
      throw new InvalidDocumentException(
          s.valueLocationOf(key),
          key + " (" + value + ") must be larger than " + floorKey + " (" + floor + ")");
    }
  }

  private static PromotionPolicy readPromotion(YamlMap block) {
    YamlMap p = block.map("promotion");
    p.allowOnly(Set.of("user_to_team", "team_to_system"));
    YamlMap up = p.map("user_to_team");
    up.allowOnly(Set.of("min_uses", "min_success_rate"));
    YamlMap sys = p.map("team_to_system");
    sys.allowOnly(Set.of("min_uses", "min_success_rate", "requires_approval"));
    return new PromotionPolicy(
        new PromotionPolicy.Threshold(
            up.integer("min_uses", 1, 1_000_000), up.number("min_success_rate", 0, 1)),
        new PromotionPolicy.Threshold(
            sys.integer("min_uses", 1, 1_000_000), sys.number("min_success_rate", 0, 1)),
        sys.bool("requires_approval"));
  }

  private static EvolutionPolicy readEvolution(YamlMap block) {
    YamlMap e = block.map("evolution");
    e.allowOnly(
        Set.of(
            "population_size",
            "generations",
            "episodes_per_candidate",
            "mutation_rate",
            "acceptance_margin"));
    return new EvolutionPolicy(
        e.integer("population_size", 2, 256),
        e.integer("generations", 1, 1000),
        e.integer("episodes_per_candidate", 1, 100),
        e.number("mutation_rate", 0, 1),
        e.number("acceptance_margin", 0, 1));
  }

  private static MemoryPolicy readMemory(YamlMap block) {
    block.allowOnly(Set.of("memory"));
    YamlMap m = block.map("memory");
    m.allowOnly(Set.of("consolidation", "retention", "query"));
    YamlMap c = m.map("consolidation");
    c.allowOnly(Set.of("min_traces", "min_success_rate"));
    YamlMap r = m.map("retention");
    r.allowOnly(Set.of("short_term_days", "max_short_term_traces"));
    YamlMap q = m.map("query");
    q.allowOnly(Set.of("default_limit", "max_limit"));
    int maxLimit = q.integer("max_limit", 1, 1000);
    return new MemoryPolicy(
        c.integer("min_traces", 1, 1000),
        c.number("min_success_rate", 0, 1),
        r.integer("short_term_days", 1, 3650),
        r.integer("max_short_term_traces", 10, 1_000_000),
        q.integer("default_limit", 1, maxLimit),
        maxLimit);
  }

  private static OrchestrationPolicy readOrchestration(YamlMap block) {
    block.allowOnly(Set.of("orchestration"));
    YamlMap o = block.map("orchestration");
    o.allowOnly(Set.of("max_iterations", "max_tool_calls", "min_agents_per_project", "reuse"));
    YamlMap reuse = o.map("reuse");
    reuse.allowOnly(Set.of("copy_min_score", "evolve_min_score"));
    double copy = reuse.number("copy_min_score", 0, 1);
    double evolve = reuse.number("evolve_min_score", 0, copy);
    return new OrchestrationPolicy(
        o.integer("max_iterations", 1, 100),
        o.integer("max_tool_calls", 1, 500),
        o.integer("min_agents_per_project", 1, 20),
        copy,
        evolve);
  }

  /** The RSA preset names, each required in {@code rsa.presets}. */
  private static final List<String> RSA_PRESETS = List.of("quick", "standard", "deep", "swarm");

  /** The preset whose population is one candidate per robot, and the only one allowed to be. */
  private static final String SWARM = "swarm";

  /** The value of {@code population} that means one candidate per robot. */
  private static final String ROBOTS = "robots";

  private static RuntimePolicy readRuntime(YamlMap block) {
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> block.allowOnly(Set.of("instinct", "vision", "rsa")));
    var budget =
        problems.check(
            () -> {
              YamlMap i = block.map("instinct");
              i.allowOnly(Set.of("default_latency_budget_s"));
              return i.number("default_latency_budget_s", 0.05, 10);
            });
    var vision =
        problems.check(
            () -> {
              YamlMap v = block.map("vision");
              v.allowOnly(Set.of("timeout_s"));
              return v.number("timeout_s", 0.1, 60);
            });
    var rsa = problems.check(() -> readRsa(block.map("rsa")));
    problems.throwIfAny();
    return new RuntimePolicy(budget.orElseThrow(), vision.orElseThrow(), rsa.orElseThrow());
  }

  private static RsaSettings readRsa(YamlMap r) {
    ProblemCollector problems = new ProblemCollector();
    problems.run(
        () ->
            r.allowOnly(
                Set.of(
                    "temperature",
                    "max_tokens",
                    "consensus_radius_m",
                    "final_selection",
                    "presets")));
    var temperature = problems.check(() -> r.number("temperature", 0, 2));
    var maxTokens = problems.check(() -> r.integer("max_tokens", 64, 32768));
    var radius = problems.check(() -> r.number("consensus_radius_m", 0.01, 5));
    var selection =
        problems.check(
            () ->
                RsaSettings.FinalSelection.of(
                        r.choice(
                            "final_selection",
                            List.of(
                                RsaSettings.FinalSelection.MAJORITY.key(),
                                RsaSettings.FinalSelection.RANDOM.key())))
                    .orElseThrow());
    Map<String, RsaSettings.PresetRule> presets = new LinkedHashMap<>();
    problems.run(
        () -> {
          YamlMap all = r.map("presets");
          problems.run(() -> all.allowOnly(RSA_PRESETS));
          for (String name : RSA_PRESETS) {
            problems
                .check(() -> readPreset(all, name))
                .ifPresent(preset -> presets.put(name, preset));
          }
        });
    problems.throwIfAny();
    return new RsaSettings(
        temperature.orElseThrow(),
        maxTokens.orElseThrow(),
        radius.orElseThrow(),
        selection.orElseThrow(),
        presets);
  }

  private static RsaSettings.PresetRule readPreset(YamlMap all, String name) {
    YamlMap p = all.map(name);
    ProblemCollector problems = new ProblemCollector();
    problems.run(() -> p.allowOnly(Set.of("population", "subset", "steps", "consensus")));
    OptionalInt population = OptionalInt.empty();
    boolean perRobot = ROBOTS.equals(p.toJava().get("population"));
    if (name.equals(SWARM) && !perRobot) {
      problems.run(() -> p.require("population"));
      if (p.has("population")) {
        problems.add(
            p.valueLocationOf("population"),
            "field 'population' of the swarm preset must be '"
                + ROBOTS
                + "': the swarm's candidates are the robots' own proposals");
      }
    } else if (!name.equals(SWARM) && perRobot) {
      problems.add(
          p.valueLocationOf("population"),
          "field 'population' may be '"
              + ROBOTS
              + "' only in the swarm preset; preset '"
              + name
              + "' needs a number from 2 to 64");
    } else if (!perRobot) {
      population =
          problems
              .check(() -> p.integer("population", 2, 64))
              .map(OptionalInt::of)
              .orElse(OptionalInt.empty());
    }
    var subset = problems.check(() -> p.integer("subset", 1, 16));
    var steps = problems.check(() -> p.integer("steps", 0, 20));
    var consensus = problems.check(() -> p.number("consensus", 0.5, 1));
    if (population.isPresent()
        && subset.isPresent()
        && subset.orElseThrow() > population.getAsInt()) {
      problems.add(
          p.valueLocationOf("subset"),
          "field 'subset' ("
              + subset.orElseThrow()
              + ") of preset '"
              + name
              + "' must not exceed its population ("
              + population.getAsInt()
              + "): a subset is drawn without replacement");
    }
    problems.throwIfAny();
    return new RsaSettings.PresetRule(
        name, population, subset.orElseThrow(), steps.orElseThrow(), consensus.orElseThrow());
  }

  /** Every problem of every kernel file, or none. Used by {@code llmos kernel validate}. */
  public static List<Problem> validate(VolumeSet volumes) {
    try {
      load(volumes);
      return List.of();
    } catch (InvalidDocumentException e) {
      return e.problems();
    }
  }
}
