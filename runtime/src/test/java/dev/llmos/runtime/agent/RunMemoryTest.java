package dev.llmos.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.time.ManualClock;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.memory.MemoryStore;
import dev.llmos.kernel.memory.Trace;
import dev.llmos.kernel.promotion.Candidates;
import dev.llmos.kernel.promotion.Promoter;
import dev.llmos.kernel.promotion.PromotionCheck;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.usage.UsageStats;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.runtime.blackbox.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMemoryTest {
  private static final List<String> WALL_AVOIDER_SKILLS =
      List.of("obstacle-avoidance", "safety-limits", "battery-care");

  @TempDir Path dir;
  private ManualClock clock;
  private Workspace ws;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    ws = Workspace.init(dir.resolve("ws"), Optional.empty(), clock);
  }

  private AgentSpec agent(String name) {
    return Catalog.load(ws.volumes(), ws.kernel().settings()).agent(name).orElseThrow();
  }

  private static RunSummary summary(String outcome, int collisions, double coverage) {
    return new RunSummary(
        outcome,
        20,
        200,
        2.95,
        collisions,
        coverage,
        Map.of("instinct", 200L),
        Map.of(),
        0.05,
        0.2);
  }

  private UsageStats stats(UsageKey key) {
    return Usage.of(ws).stats(VolumeKind.USER, key).orElseThrow(() -> new AssertionError(key));
  }

  /** An item's uses and successes in the user volume, where uses of shipped items are counted. */
  private List<Integer> counts(UsageKey key) {
    UsageStats s = stats(key);
    return List.of(s.uses(), s.successes());
  }

  @Test
  void aCompletedRunLeavesATracePointingAtItsBlackBoxAndOneUseOfTheAgentAndEachSkill()
      throws IOException {
    AgentSpec wallAvoider = agent("wall-avoider");
    assertThat(wallAvoider.skills()).containsExactlyElementsOf(WALL_AVOIDER_SKILLS);

    RunMemory.Recorded recorded =
        RunMemory.record(ws, wallAvoider, "run-1", summary("completed", 0, 0.34));

    List<Trace> traces = new MemoryStore(ws).traces();
    assertThat(traces).hasSize(1);
    Trace trace = traces.get(0);
    assertThat(trace.id()).isEqualTo(recorded.traceId());
    assertThat(trace.agent()).isEqualTo("wall-avoider");
    assertThat(trace.goal()).isEqualTo("avoid obstacles");
    assertThat(trace.outcome())
        .isEqualTo("completed (20 s, 2.95 m driven, 0 collision(s), 34 % of the map known)")
        .doesNotContain("\n");
    assertThat(trace.success()).isEqualTo(1.0);
    assertThat(trace.durationS()).isEqualTo(20.0);
    assertThat(trace.notes())
        .contains("run-1", "runs/run-1", "- collisions: 0", "- decisions by instinct: 200");

    assertThat(recorded.skills()).containsExactlyElementsOf(WALL_AVOIDER_SKILLS);
    assertThat(recorded.missingSkills()).isEmpty();
    assertThat(recorded.describe())
        .isEqualTo(
            "trace "
                + trace.id()
                + "; usage: wall-avoider, obstacle-avoidance, safety-limits, battery-care"
                + " (3 skills)");
    assertThat(counts(UsageKey.agent("wall-avoider"))).containsExactly(1, 1);
    for (String skill : WALL_AVOIDER_SKILLS) {
      assertThat(counts(UsageKey.skill(skill))).containsExactly(1, 1);
    }
  }

  @Test
  void anAbortedRunSucceedsNotAtAllAndCountsAsAFailedUse() throws IOException {
    AgentSpec wallAvoider = agent("wall-avoider");
    RunMemory.record(ws, wallAvoider, "run-1", summary("completed", 0, 0.3));
    clock.advance(Duration.ofMinutes(1));

    RunMemory.record(ws, wallAvoider, "run-2", summary("aborted: the robot link\nclosed", 0, 0.3));

    Trace aborted = new MemoryStore(ws).traces().get(1);
    assertThat(aborted.success()).isZero();
    assertThat(aborted.outcome()).startsWith("aborted: the robot link closed (20 s");
    assertThat(counts(UsageKey.agent("wall-avoider"))).containsExactly(2, 1);
    assertThat(counts(UsageKey.skill("obstacle-avoidance"))).containsExactly(2, 1);
  }

  @Test
  void collisionsLowerSuccessAndFailTheUse() throws IOException {
    RunMemory.record(ws, agent("wall-avoider"), "run-1", summary("completed", 1, 0.3));

    assertThat(new MemoryStore(ws).traces().get(0).success()).isEqualTo(0.5);
    assertThat(counts(UsageKey.agent("wall-avoider"))).containsExactly(1, 0);
  }

  @Test
  void anExplorerSucceedsAsFarAsItsCoverage() {
    assertThat(RunMemory.success("explore", summary("completed", 0, 0.8))).isEqualTo(0.8);
    assertThat(RunMemory.success("explore", summary("completed", 3, 0.8))).isEqualTo(0.2);
    assertThat(RunMemory.success("explore", summary("completed", 0, Double.NaN))).isZero();
    assertThat(RunMemory.success("avoid_obstacles", summary("completed", 0, 0.1))).isEqualTo(1.0);
    assertThat(RunMemory.success("explore", summary("failed: no telemetry", 0, 0.8))).isZero();
  }

  @Test
  void theGoalNamesTheTarget() throws IOException {
    RunMemory.record(ws, agent("object-seeker"), "run-1", summary("completed", 0, 0.3));

    assertThat(new MemoryStore(ws).traces().get(0).goal()).isEqualTo("seek object red-ball");
  }

  @Test
  void aSkillThatIsNotInTheCatalogIsSkippedAndReported() throws IOException {
    AgentSpec shipped = agent("wall-avoider");
    List<String> skills = new ArrayList<>(shipped.skills());
    skills.add(1, "juggling");
    AgentSpec withUnknown = withSkills(shipped, skills);

    RunMemory.Recorded recorded =
        RunMemory.record(ws, withUnknown, "run-1", summary("completed", 0, 0.3));

    assertThat(recorded.skills()).containsExactlyElementsOf(WALL_AVOIDER_SKILLS);
    assertThat(recorded.missingSkills()).containsExactly("juggling");
    assertThat(recorded.describe()).endsWith("; not counted, not in the catalog: juggling");
    assertThat(Usage.of(ws).stats(VolumeKind.USER, UsageKey.skill("juggling"))).isEmpty();
    assertThat(stats(UsageKey.skill("battery-care")).uses()).isEqualTo(1);
  }

  @Test
  void aNonRobotAgentIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(
            () -> RunMemory.record(ws, agent("planner"), "run-1", summary("completed", 0, 0.3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a robot agent");
    assertThat(new MemoryStore(ws).traces()).isEmpty();
  }

  @Test
  void aDamagedUsageFileFailsWithWhatWasWrittenAndKeepsTheTrace() {
    ws.volume(VolumeKind.USER)
        .write(".llmos/usage.json", "{not json".getBytes(StandardCharsets.UTF_8), "Break it");

    assertThatThrownBy(
            () -> RunMemory.record(ws, agent("wall-avoider"), "run-1", summary("completed", 0, 0)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("run run-1 is recorded in runs/run-1")
        .hasMessageContaining("was written, but its uses were not counted");
    assertThat(new MemoryStore(ws).traces()).hasSize(1);
  }

  /**
   * Enough good runs of a user-volume robot agent make it, and its user-volume skill, promotion
   * candidates; the shipped skills it also uses are never candidates.
   */
  @Test
  void enoughGoodRunsMakeUserItemsPromotionCandidates() throws IOException {
    writeUserSkill("tape-tracker");
    String text = agent("wall-avoider").document().text();
    String rover =
        text.replace("name: wall-avoider", "name: tape-rover")
            .replace(
                "skills: [obstacle-avoidance, safety-limits, battery-care]",
                "skills: [tape-tracker, obstacle-avoidance]");
    assertThat(rover).contains("name: tape-rover", "skills: [tape-tracker, obstacle-avoidance]");
    ws.volume(VolumeKind.USER)
        .write(
            AgentSpec.pathOf("tape-rover"),
            rover.getBytes(StandardCharsets.UTF_8),
            "Create tape-rover");
    AgentSpec tapeRover = agent("tape-rover");
    assertThat(tapeRover.volume()).isEqualTo(VolumeKind.USER);

    int minUses = ws.kernel().promotion().userToTeam().minUses();
    for (int i = 0; i < minUses - 1; i++) {
      RunMemory.record(ws, tapeRover, "run-" + i, summary("completed", 0, 0.3));
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(qualifying(new Promoter(ws).candidates())).isEmpty();

    RunMemory.record(ws, tapeRover, "run-last", summary("completed", 0, 0.3));

    Candidates candidates = new Promoter(ws).candidates();
    assertThat(qualifying(candidates))
        .containsExactlyInAnyOrder(UsageKey.agent("tape-rover"), UsageKey.skill("tape-tracker"));
    assertThat(new MemoryStore(ws).traces()).hasSize(minUses);
  }

  private static List<UsageKey> qualifying(Candidates c) {
    return c.qualifying().stream().map(PromotionCheck::item).toList();
  }

  private void writeUserSkill(String name) {
    String text =
        "---\n"
            + "name: "
            + name
            + "\n"
            + "description: Follows coloured tape on the floor. Use when the robot should track"
            + " tape.\n"
            + "metadata:\n"
            + "  category: navigation\n"
            + "---\n\n"
            + "# "
            + name
            + "\n\nKeep the tape between the two line sensors.\n";
    ws.volume(VolumeKind.USER)
        .write(SkillSpec.pathOf(name), text.getBytes(StandardCharsets.UTF_8), "Create " + name);
  }

  private static AgentSpec withSkills(AgentSpec a, List<String> skills) {
    return new AgentSpec(
        a.name(),
        a.description(),
        a.kind(),
        a.version(),
        a.origin(),
        a.parent(),
        skills,
        a.tools(),
        a.runtime(),
        a.provenance(),
        a.volume(),
        a.path(),
        a.document());
  }
}
