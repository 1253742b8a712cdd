package dev.llmos.kernel.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.time.ManualClock;
import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.Provenance;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeCommit;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoterTest {
  private static final UsageKey TAPE = UsageKey.skill("tape-tracker");

  @TempDir Path dir;
  private ManualClock clock;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(Fixtures.START);
  }

  @Test
  void userToTeamCopiesTheSkillWithProvenanceAndRemovesTheSource() {
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), clock);
    Fixtures.skill(ws, VolumeKind.USER, "tape-tracker");
    String original =
        new String(
            ws.volume(VolumeKind.USER).read(SkillSpec.pathOf("tape-tracker")).orElseThrow(),
            StandardCharsets.UTF_8);
    uses(ws, TAPE, 5, 4);
    String userHead = ws.volume(VolumeKind.USER).history(1).get(0).id();
    clock.advance(Duration.ofHours(1));

    Promotion p = new Promoter(ws).promote(TAPE, Optional.empty());

    Volume team = ws.volume(VolumeKind.TEAM);
    Volume user = ws.volume(VolumeKind.USER);
    assertThat(team.exists("skills/tape-tracker/references/tape.md")).isTrue();
    assertThat(user.exists("skills/tape-tracker")).isFalse();
    assertThat(Usage.read(user).get(TAPE)).isEmpty();

    SkillSpec promoted = catalog(ws).skill("tape-tracker").orElseThrow();
    assertThat(promoted.volume()).isEqualTo(VolumeKind.TEAM);
    assertThat(promoted.resources()).containsExactly("skills/tape-tracker/references/tape.md");
    Provenance expected =
        new Provenance(
            VolumeKind.USER,
            VolumeKind.TEAM,
            Instant.parse("2026-03-01T10:00:00Z"),
            5,
            4,
            Optional.empty(),
            Optional.of(userHead));
    assertThat(promoted.provenance()).containsExactly(expected);
    assertThat(p.provenance()).isEqualTo(expected);
    // Everything but the new field is kept as written.
    String text = promoted.document().text();
    assertThat(text).startsWith(original.substring(0, original.indexOf("---\n", 4)));
    assertThat(text).endsWith(original.substring(original.indexOf("---\n", 4)));

    VolumeCommit added = team.history(1).get(0);
    assertThat(added.id()).isEqualTo(p.targetCommit());
    assertThat(added.subject())
        .isEqualTo("Promote skill tape-tracker from the user volume to the team volume");
    assertThat(added.message())
        .contains("Evidence: 5 uses, 4 successes (80%) in the user volume")
        .contains("promotion.user_to_team (at least 5 uses at 80% success)")
        .contains("Taken from user volume commit " + userHead);
    VolumeCommit removed = user.history(1).get(0);
    assertThat(removed.id()).isEqualTo(p.removalCommit());
    assertThat(removed.subject()).isEqualTo("Move skill tape-tracker to the team volume");
    assertThat(removed.message()).contains(p.targetCommit());
  }

  @Test
  void tooFewUsesIsRefusedWithTheShortfallAndNothingChanges() {
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), clock);
    Fixtures.skill(ws, VolumeKind.USER, "tape-tracker");
    uses(ws, TAPE, 3, 3);
    int teamBefore = ws.volume(VolumeKind.TEAM).history(100).size();
    int userBefore = ws.volume(VolumeKind.USER).history(100).size();

    assertThatThrownBy(() -> new Promoter(ws).promote(TAPE, Optional.empty()))
        .isInstanceOf(PromotionRefusedException.class)
        .hasMessage(
            "cannot promote skill tape-tracker from the user volume to the team volume:"
                + " needs 5 uses, has 3 (2 short)");
    assertThat(ws.volume(VolumeKind.TEAM).history(100)).hasSize(teamBefore);
    assertThat(ws.volume(VolumeKind.USER).history(100)).hasSize(userBefore);
    assertThat(ws.volume(VolumeKind.USER).exists(SkillSpec.pathOf("tape-tracker"))).isTrue();
  }

  @Test
  void tooLowSuccessIsRefusedWithThePointsShort() {
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), clock);
    Fixtures.skill(ws, VolumeKind.USER, "tape-tracker");
    uses(ws, TAPE, 6, 4);
    assertThatThrownBy(() -> new Promoter(ws).promote(TAPE, Optional.empty()))
        .isInstanceOfSatisfying(
            PromotionRefusedException.class,
            e ->
                assertThat(e.reasons())
                    .containsExactly("needs 80% success, has 67% (13 points short)"));
  }

  @Test
  void teamToSystemNeedsApprovalAndAWritableSystemCheckout() throws Exception {
    Path system = Fixtures.commitAll(Fixtures.copyShippedSystemVolume(dir.resolve("system")));
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), system, clock);
    Fixtures.skill(ws, VolumeKind.USER, "tape-tracker");
    uses(ws, TAPE, 5, 5);
    Promoter promoter = new Promoter(ws);
    promoter.promote(TAPE, Optional.empty());
    uses(ws, TAPE, 10, 9);

    assertThatThrownBy(() -> promoter.promote(TAPE, Optional.empty()))
        .isInstanceOfSatisfying(
            PromotionRefusedException.class,
            e -> assertThat(e.reasons()).singleElement().asString().startsWith("needs --approve"));

    clock.advance(Duration.ofDays(1));
    Promotion p = promoter.promote(TAPE, Optional.of("alice"));

    Volume written =
        Volume.openGit(VolumeKind.SYSTEM, system, ws.kernel().settings().gitAuthor(), clock);
    assertThat(written.history(1).get(0).message())
        .startsWith("Promote skill tape-tracker from the team volume to the system volume")
        .contains("Evidence: 10 uses, 9 successes (90%) in the team volume")
        .contains("Approved by alice.");
    assertThat(ws.volume(VolumeKind.TEAM).exists("skills/tape-tracker")).isFalse();
    assertThat(ws.volume(VolumeKind.TEAM).history(1).get(0).subject())
        .isEqualTo("Move skill tape-tracker to the system volume");

    SkillSpec promoted = catalog(ws).skill("tape-tracker").orElseThrow();
    assertThat(promoted.volume()).isEqualTo(VolumeKind.SYSTEM);
    assertThat(promoted.provenance())
        .extracting(Provenance::from, Provenance::to, Provenance::uses, Provenance::approvedBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                VolumeKind.USER, VolumeKind.TEAM, 5, Optional.empty()),
            org.assertj.core.groups.Tuple.tuple(
                VolumeKind.TEAM, VolumeKind.SYSTEM, 10, Optional.of("alice")));
    assertThat(p.provenance().at()).isEqualTo(clock.instant());
  }

  @Test
  void thePackagedSystemVolumeCannotBePromotedInto() {
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), clock);
    Fixtures.skill(ws, VolumeKind.TEAM, "tape-tracker");
    uses(ws, TAPE, 10, 10);
    assertThatThrownBy(() -> new Promoter(ws).promote(TAPE, Optional.of("alice")))
        .isInstanceOf(PromotionRefusedException.class)
        .hasMessageContaining("packaged with LLMos, which is read-only")
        .hasMessageContaining("point --system-volume");
  }

  @Test
  void aSystemVolumeDirectoryThatIsNoGitRepositoryCannotBePromotedInto() throws Exception {
    Path system = Fixtures.copyShippedSystemVolume(dir.resolve("system"));
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), system, clock);
    Fixtures.skill(ws, VolumeKind.TEAM, "tape-tracker");
    uses(ws, TAPE, 10, 10);
    assertThatThrownBy(() -> new Promoter(ws).promote(TAPE, Optional.of("alice")))
        .isInstanceOf(PromotionRefusedException.class)
        .hasMessageContaining("is not a git repository")
        .hasMessageContaining("git checkout of the system volume");
  }

  @Test
  void thresholdsComeFromTheKernelFile() throws Exception {
    Path system = Fixtures.copyShippedSystemVolume(dir.resolve("system"));
    Path rules = system.resolve("kernel/evolution-rules.md");
    String text = Files.readString(rules);
    String block = "  user_to_team:\n    min_uses: 5\n";
    assertThat(text).contains(block);
    Files.writeString(rules, text.replace(block, "  user_to_team:\n    min_uses: 3\n"));
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), system, clock);
    Fixtures.skill(ws, VolumeKind.USER, "tape-tracker");
    uses(ws, TAPE, 3, 3);

    Promoter promoter = new Promoter(ws);
    assertThat(promoter.check(TAPE, Optional.empty()).allowed()).isTrue();
    assertThat(promoter.promote(TAPE, Optional.empty()).provenance().uses()).isEqualTo(3);
  }

  @Test
  void candidatesListWhatQualifiesAndWhatIsClose() {
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), clock);
    for (String name : List.of("ready-one", "nearly-one", "far-one", "unused-one")) {
      Fixtures.skill(ws, VolumeKind.USER, name);
    }
    uses(ws, UsageKey.skill("ready-one"), 5, 5);
    uses(ws, UsageKey.skill("nearly-one"), 3, 3);
    uses(ws, UsageKey.skill("far-one"), 4, 1);
    Fixtures.skill(ws, VolumeKind.TEAM, "team-one");
    uses(ws, UsageKey.skill("team-one"), 10, 10);

    Candidates c = new Promoter(ws).candidates();

    assertThat(c.qualifying())
        .extracting(x -> x.item().name())
        .containsExactly("ready-one", "team-one");
    PromotionCheck team = c.qualifying().get(1);
    assertThat(team.step()).isEqualTo(Step.TEAM_TO_SYSTEM);
    assertThat(team.blockers()).anyMatch(b -> b.startsWith("needs --approve"));
    assertThat(c.close())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.item().name()).isEqualTo("nearly-one");
              assertThat(x.shortfalls()).containsExactly("needs 5 uses, has 3 (2 short)");
            });
  }

  @Test
  void anAgentMovesOnlyWhenTheSkillsItUsesAreThere() {
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), clock);
    Fixtures.skill(ws, VolumeKind.USER, "tape-tracker");
    Fixtures.agent(ws, VolumeKind.USER, "tape-runner", "tape-tracker");
    Fixtures.agent(ws, VolumeKind.USER, "route-checker", "obstacle-avoidance");
    UsageKey runner = UsageKey.agent("tape-runner");
    UsageKey checker = UsageKey.agent("route-checker");
    uses(ws, runner, 5, 5);
    uses(ws, checker, 5, 5);
    Promoter promoter = new Promoter(ws);

    assertThatThrownBy(() -> promoter.promote(runner, Optional.empty()))
        .hasMessageContaining("uses skill tape-tracker, which is not in the team or system volume");

    promoter.promote(checker, Optional.empty());
    assertThat(catalog(ws).agent("route-checker").orElseThrow().provenance()).hasSize(1);
    assertThat(ws.volume(VolumeKind.TEAM).exists("agents/route-checker.md")).isTrue();
    assertThat(ws.volume(VolumeKind.USER).exists("agents/route-checker.md")).isFalse();
  }

  @Test
  void systemItemsAndUnknownNamesAreRefused() {
    Workspace ws = Fixtures.workspace(dir.resolve("ws"), clock);
    Promoter promoter = new Promoter(ws);
    assertThatThrownBy(() -> promoter.promote(UsageKey.skill("docking"), Optional.empty()))
        .isInstanceOf(PromotionRefusedException.class)
        .hasMessageContaining("already in the system volume");
    assertThatThrownBy(() -> promoter.promote(UsageKey.skill("juggling"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no skill juggling");
  }

  @Test
  void ratesJustUnderTheThresholdAreNotRoundedUpToIt() {
    assertThat(Percent.shortOf(39.0 / 49, 0.8)).isEqualTo("79.5%");
    assertThat(Percent.pointsShort(39.0 / 49, 0.8)).isEqualTo("0.5 points");
    assertThat(Percent.shortOf(2.0 / 3, 0.8)).isEqualTo("67%");
    assertThat(Percent.pointsShort(2.0 / 3, 0.8)).isEqualTo("13 points");
  }

  /** Records {@code uses} uses of an item, the first {@code successes} of them successful. */
  private void uses(Workspace ws, UsageKey key, int uses, int successes) {
    Usage usage = Usage.of(ws);
    for (int i = 0; i < uses; i++) {
      usage.record(key, i < successes);
    }
  }

  private static Catalog catalog(Workspace ws) {
    return Catalog.load(ws.volumes(), ws.kernel().settings());
  }
}
