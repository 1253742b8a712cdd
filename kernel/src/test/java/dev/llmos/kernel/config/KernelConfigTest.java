package dev.llmos.kernel.config;

import static dev.llmos.kernel.Fixtures.edit;
import static dev.llmos.kernel.Fixtures.lineStartingWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelConfigTest {
  private static final String SAFETY = "system:kernel/safety-rules.md";

  @TempDir Path tmp;

  @Test
  void theShippedKernelLoadsWithTheDocumentedDefaults() {
    KernelConfig k = KernelConfig.load(VolumeSet.of(SystemVolumes.packaged()));

    assertThat(k.settings().kernelVersion()).isEqualTo(1);
    assertThat(k.settings().gitAuthor().name()).isEqualTo("LLMos");
    assertThat(k.settings().gitAuthor().email()).isEqualTo("llmos@localhost");
    assertThat(k.settings().maxDocumentBytes()).isEqualTo(262144);
    assertThat(k.settings().maxDescriptionChars()).isEqualTo(1024);
    assertThat(k.safety())
        .isEqualTo(new SafetyLimits(0.3, 4.0, 0.05, 0.15, 0.30, 0.5, 5.0, 2.0, 4));
    assertThat(k.promotion())
        .isEqualTo(
            new PromotionPolicy(
                new PromotionPolicy.Threshold(5, 0.8),
                new PromotionPolicy.Threshold(10, 0.9),
                true));
    assertThat(k.memory()).isEqualTo(new MemoryPolicy(3, 0.7, 30, 500, 5, 50));
    assertThat(k.orchestration()).isEqualTo(new OrchestrationPolicy(12, 40, 3, 0.85, 0.5));
    assertThat(k.evolution()).isEqualTo(new EvolutionPolicy(8, 5, 3, 0.3, 0.05));
    assertThat(k.runtime().instinctDefaultLatencyBudgetS()).isEqualTo(0.5);
    assertThat(k.runtime().visionTimeoutS()).isEqualTo(2.0);
    assertThat(k.runtime().rsa().temperature()).isEqualTo(0.8);
    assertThat(k.runtime().rsa().maxTokens()).isEqualTo(1024);
    assertThat(k.runtime().rsa().consensusRadiusM()).isEqualTo(0.3);
    assertThat(k.runtime().rsa().finalSelection()).isEqualTo(RsaSettings.FinalSelection.MAJORITY);
    assertThat(k.sources()).hasSize(6).containsOnlyKeys(KernelFile.values());
    assertThat(k.sources().values()).containsOnly(VolumeKind.SYSTEM);
  }

  @Test
  void theRepositoryCopyAndThePackagedCopyAgree() {
    KernelConfig packaged = KernelConfig.load(VolumeSet.of(SystemVolumes.packaged()));
    KernelConfig checkout =
        KernelConfig.load(VolumeSet.of(SystemVolumes.at(Fixtures.shippedSystemVolume())));

    assertThat(checkout).isEqualTo(packaged);
  }

  @Test
  void anUnknownKeyIsRefusedNamingFileLineAndKey() {
    Path system = copy();
    String text =
        edit(
            safetyRules(system),
            "  max_wheel_speed_mps: 0.3\n",
            "  max_wheel_speed_mps: 0.3\n  max_acceleration_mps2: 3.0\n");

    List<Problem> problems = KernelConfig.validate(VolumeSet.of(SystemVolumes.at(system)));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).where())
        .isEqualTo(
            new SourceLocation(SAFETY, lineStartingWith(text, "  max_acceleration_mps2"), 3));
    assertThat(problems.get(0).message()).startsWith("unknown key 'max_acceleration_mps2'");
    assertThat(problems.get(0).toString()).startsWith(SAFETY + ":");
  }

  @Test
  void anOutOfRangeValueIsRefusedNamingFileLineKeyAndRange() {
    Path system = copy();
    String text =
        edit(safetyRules(system), "max_wheel_speed_mps: 0.3\n", "max_wheel_speed_mps: 5.0\n");

    Problem p = onlyProblem(system);

    int line = lineStartingWith(text, "  max_wheel_speed_mps");
    assertThat(p.where()).isEqualTo(new SourceLocation(SAFETY, line, 24));
    assertThat(p.message())
        .isEqualTo(
            "field 'max_wheel_speed_mps' must be a number from 0.001 to 2, got number '5.0'");
  }

  @Test
  void problemsInSeveralKernelFilesAreReportedTogether() {
    Path system = copy();
    edit(system.resolve("kernel/memory-rules.md"), "max_limit: 50", "max_limit: 5000");
    edit(
        system.resolve("kernel/orchestration-rules.md"), "max_tool_calls: 40", "max_tool_calls: x");
    edit(system.resolve("kernel/config.md"), "  version: 1\n", "  version: 1\n  colour: red\n");

    List<Problem> problems = KernelConfig.validate(VolumeSet.of(SystemVolumes.at(system)));

    assertThat(problems)
        .extracting(p -> p.where().source())
        .containsExactlyInAnyOrder(
            "system:kernel/config.md",
            "system:kernel/memory-rules.md",
            "system:kernel/orchestration-rules.md");
    assertThat(problems)
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("'max_limit'"))
        .anySatisfy(m -> assertThat(m).contains("'max_tool_calls'"))
        .anySatisfy(m -> assertThat(m).contains("unknown key 'colour'"));
  }

  @Test
  void minSafeDistanceMustExceedTheEmergencyStopDistance() {
    Path system = copy();
    String text =
        edit(safetyRules(system), "min_safe_distance_m: 0.15", "min_safe_distance_m: 0.05");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo(SAFETY);
    assertThat(p.where().line()).isEqualTo(lineStartingWith(text, "  min_safe_distance_m"));
    assertThat(p.message())
        .contains(
            "min_safe_distance_m (0.05) must be larger than emergency_stop_distance_m (0.05)");
  }

  @Test
  void theSlowDownDistanceMustExceedTheMinSafeDistance() {
    Path system = copy();
    String text =
        edit(safetyRules(system), "slow_down_distance_m: 0.30", "slow_down_distance_m: 0.12");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo(SAFETY);
    assertThat(p.where().line()).isEqualTo(lineStartingWith(text, "  slow_down_distance_m"));
    assertThat(p.message())
        .isEqualTo("slow_down_distance_m (0.12) must be larger than min_safe_distance_m (0.15)");
  }

  @Test
  void theNewSafetyLimitsAreRangeChecked() {
    Path system = copy();
    Path file = safetyRules(system);
    edit(file, "max_turn_rate_radps: 4.0", "max_turn_rate_radps: 50");
    edit(file, "oscillation_window_s: 2.0", "oscillation_window_s: 0.1");
    edit(file, "max_direction_reversals: 4", "max_direction_reversals: 0");
    edit(file, "slow_down_distance_m: 0.30", "slow_down_distance_m: 7");

    List<Problem> problems = KernelConfig.validate(VolumeSet.of(SystemVolumes.at(system)));

    assertThat(problems)
        .extracting(Problem::message)
        .containsExactlyInAnyOrder(
            "field 'max_turn_rate_radps' must be a number from 0.1 to 20, got number '50'",
            "field 'oscillation_window_s' must be a number from 0.5 to 30, got number '0.1'",
            "field 'max_direction_reversals' must be an integer from 1 to 50, got number '0'",
            "field 'slow_down_distance_m' must be a number from 0.01 to 3, got number '7'");
  }

  @Test
  void aMissingSafetyLimitIsRefusedNotDefaulted() {
    Path system = copy();
    edit(safetyRules(system), "  oscillation_window_s: 2.0\n", "");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo(SAFETY);
    assertThat(p.message()).contains("'oscillation_window_s'");
  }

  @Test
  void evolveMinScoreMustNotExceedCopyMinScore() {
    Path system = copy();
    Path file = system.resolve("kernel/orchestration-rules.md");
    String text = edit(file, "evolve_min_score: 0.5", "evolve_min_score: 0.9");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo("system:kernel/orchestration-rules.md");
    assertThat(p.where().line()).isEqualTo(lineStartingWith(text, "    evolve_min_score"));
    assertThat(p.message()).contains("'evolve_min_score'").contains("from 0 to 0.85");
  }

  @Test
  void evolveMinScoreMayEqualCopyMinScore() {
    Path system = copy();
    edit(
        system.resolve("kernel/orchestration-rules.md"),
        "evolve_min_score: 0.5",
        "evolve_min_score: 0.85");

    KernelConfig k = KernelConfig.load(VolumeSet.of(SystemVolumes.at(system)));

    assertThat(k.orchestration().evolveMinScore()).isEqualTo(0.85);
  }

  @Test
  void aKernelFileWithoutAYamlBlockIsRefused() {
    Path system = copy();
    edit(system.resolve("kernel/config.md"), "```yaml\n", "```text\n");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo("system:kernel/config.md");
    assertThat(p.message()).contains("exactly one ```yaml block").endsWith("found 0");
  }

  @Test
  void aKernelFileWithTwoYamlBlocksIsRefused() throws IOException {
    Path system = copy();
    Path config = system.resolve("kernel/config.md");
    Files.writeString(
        config,
        Fixtures.read(config) + "\n```yaml\nkernel:\n  version: 2\n```\n",
        java.nio.charset.StandardCharsets.UTF_8);

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo("system:kernel/config.md");
    assertThat(p.message()).contains("exactly one ```yaml block").endsWith("found 2");
  }

  @Test
  void aKernelFileWhoseNameDoesNotMatchIsRefused() {
    Path system = copy();
    edit(safetyRules(system), "name: safety-rules\n", "name: safety\n");

    Problem p = onlyProblem(system);

    assertThat(p.where()).isEqualTo(new SourceLocation(SAFETY, 2, 7));
    assertThat(p.message()).contains("name 'safety' does not match").contains("'safety-rules'");
  }

  @Test
  void malformedYamlInsideTheBlockIsPlacedOnTheFileLine() {
    Path system = copy();
    String text =
        edit(safetyRules(system), "  watchdog_timeout_s: 0.5\n", "   watchdog_timeout_s: 0.5\n");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo(SAFETY);
    assertThat(p.where().line()).isEqualTo(lineStartingWith(text, "   watchdog_timeout_s"));
    assertThat(p.message()).startsWith("malformed YAML");
  }

  @Test
  void aMissingKernelFileIsRefused() throws IOException {
    Path system = copy();
    Files.delete(system.resolve("kernel/memory-rules.md"));

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo("kernel/memory-rules.md");
    assertThat(p.message()).contains("missing from every volume");
  }

  @Test
  void aUserOverrideOfAKernelFileWinsOverTheSystemOne() {
    Path root = tmp.resolve("ws");
    Workspace ws = Workspace.init(root, Optional.empty(), Fixtures.clock());
    assertThat(ws.kernel().safety().maxWheelSpeedMps()).isEqualTo(0.3);
    String shipped = Fixtures.read(safetyRules(Fixtures.shippedSystemVolume()));
    Volume user = ws.volume(VolumeKind.USER);

    user.write(
        KernelFile.SAFETY_RULES.path(),
        Fixtures.utf8(shipped.replace("max_wheel_speed_mps: 0.3", "max_wheel_speed_mps: 0.2")),
        "Slow the robots down for the demo");
    Workspace reopened = Workspace.open(root, Optional.empty(), Fixtures.clock());

    assertThat(reopened.kernel().safety().maxWheelSpeedMps()).isEqualTo(0.2);
    assertThat(reopened.kernel().sources()).containsEntry(KernelFile.SAFETY_RULES, VolumeKind.USER);
    assertThat(reopened.kernel().sources()).containsEntry(KernelFile.CONFIG, VolumeKind.SYSTEM);
  }

  @Test
  void anInvalidUserOverrideRefusesTheKernelNamingTheUserFile() {
    Path root = tmp.resolve("ws");
    Workspace ws = Workspace.init(root, Optional.empty(), Fixtures.clock());
    String shipped = Fixtures.read(safetyRules(Fixtures.shippedSystemVolume()));
    ws.volume(VolumeKind.USER)
        .write(
            KernelFile.SAFETY_RULES.path(),
            Fixtures.utf8(shipped.replace("max_wheel_speed_mps: 0.3", "max_wheel_speed_mps: 9")),
            "Try to make the robots fast");

    InvalidDocumentException e =
        catchThrowableOfType(
            InvalidDocumentException.class,
            () -> Workspace.open(root, Optional.empty(), Fixtures.clock()));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).where().source()).isEqualTo("user:kernel/safety-rules.md");
    assertThat(e.problems().get(0).message()).contains("'max_wheel_speed_mps'");
  }

  @Test
  void loweringMaxDescriptionCharsRefusesAgentsWithLongerDescriptions() {
    Path system = copy();
    VolumeSet before = VolumeSet.of(SystemVolumes.at(system));
    assertThat(Catalog.load(before, settings(before)).agent("wall-avoider")).isPresent();
    edit(
        system.resolve("kernel/config.md"),
        "max_description_chars: 1024",
        "max_description_chars: 64");

    VolumeSet after = VolumeSet.of(SystemVolumes.at(system));
    KernelSettings settings = settings(after);
    Catalog catalog = Catalog.load(after, settings);

    assertThat(settings.maxDescriptionChars()).isEqualTo(64);
    assertThat(catalog.agent("wall-avoider")).isEmpty();
    assertThat(catalog.problems())
        .filteredOn(p -> p.where().source().equals("system:agents/wall-avoider.md"))
        .filteredOn(p -> p.message().contains("'description'"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().line()).isEqualTo(3);
              assertThat(p.message())
                  .startsWith("field 'description' is ")
                  .contains("at most 64")
                  .contains("max_description_chars");
            });
  }

  @Test
  void loweringMaxDocumentBytesSkipsLargerFiles() throws IOException {
    Path system = copy();
    edit(
        system.resolve("kernel/config.md"),
        "max_document_bytes: 262144",
        "max_document_bytes: 1024");
    List<Path> documents = agentAndSkillFiles(system);
    long large = documents.stream().filter(f -> size(f) > 1024).count();
    assertThat(large).isPositive();

    VolumeSet volumes = VolumeSet.of(SystemVolumes.at(system));
    KernelSettings settings = settings(volumes);
    Catalog catalog = Catalog.load(volumes, settings);

    assertThat(settings.maxDocumentBytes()).isEqualTo(1024);
    assertThat(catalog.agent("wall-avoider")).isEmpty();
    assertThat(catalog.problems())
        .filteredOn(p -> p.message().contains("documents may be at most 1024"))
        .hasSize((int) large)
        .extracting(p -> p.where().source())
        .contains("system:agents/wall-avoider.md");
    assertThat(catalog.agents().size() + catalog.skills().size())
        .isEqualTo(documents.size() - (int) large);
  }

  private static List<Path> agentAndSkillFiles(Path system) throws IOException {
    try (Stream<Path> agents = Files.list(system.resolve("agents"));
        Stream<Path> skills = Files.list(system.resolve("skills"))) {
      return Stream.concat(agents, skills.map(s -> s.resolve("SKILL.md"))).toList();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static KernelSettings settings(VolumeSet volumes) {
    return KernelConfig.load(volumes).settings();
  }

  private Path copy() {
    return Fixtures.copyShippedSystemVolume(tmp.resolve("system"));
  }

  private static Path safetyRules(Path system) {
    return system.resolve(KernelFile.SAFETY_RULES.path());
  }

  private static Problem onlyProblem(Path system) {
    List<Problem> problems = KernelConfig.validate(VolumeSet.of(SystemVolumes.at(system)));
    assertThat(problems).as(Arrays.toString(problems.toArray())).hasSize(1);
    return problems.get(0);
  }
}
