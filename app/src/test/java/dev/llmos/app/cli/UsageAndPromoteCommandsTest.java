package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageAndPromoteCommandsTest {
  @TempDir Path dir;
  private CliRunner llmos;

  @BeforeEach
  void setUp() {
    llmos = new CliRunner(dir.resolve("ws"));
  }

  @Test
  void searchFindsSkillsFromPlainWordsEvenBeforeInit() {
    var r = llmos.run("skills", "search", "follow", "the", "black", "tape");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().skip(1).findFirst())
        .hasValueSatisfying(line -> assertThat(line).startsWith("line-following"));
    var limited = llmos.run("skills", "search", "--limit", "2", "find the red ball");
    assertThat(limited.out()).contains("object-seeking").contains("2 skills");
  }

  @Test
  void anEmptySearchIsRefusedAndAMissingOneIsAUsageError() {
    var empty = llmos.run("skills", "search", " ");
    assertThat(empty.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(empty.err()).contains("query is empty");
    assertThat(llmos.run("skills", "search").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void usageRecordCountsEachUseAndShowListsThem() {
    llmos.run("init");
    llmos.run("usage", "record", "obstacle-avoidance", "--success");
    llmos.run("usage", "record", "obstacle-avoidance", "--success");
    var r = llmos.run("usage", "record", "obstacle-avoidance", "--failure", "--kind", "skill");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith(
            "recorded: skill obstacle-avoidance failed (3 uses, 67% success) in the user volume");
    var show = llmos.run("usage", "show", "obstacle-avoidance");
    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out()).contains("skill:obstacle-avoidance").contains("2 (67%)");
    assertThat(llmos.run("usage", "show", "patrol").out()).contains("no uses of 'patrol'");
  }

  @Test
  void usageRecordNeedsAnOutcomeAndAKnownName() {
    llmos.run("init");
    assertThat(llmos.run("usage", "record", "patrol").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(llmos.run("usage", "record", "patrol", "--success", "--failure").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    var unknown = llmos.run("usage", "record", "juggling", "--success");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("juggling");
  }

  @Test
  void promoteRefusesWithTheShortfallThenPromotesWhenItQualifies() throws IOException {
    llmos.run("init");
    userSkill("tape-tracker");
    record("tape-tracker", 3);
    var refused = llmos.run("promote", "tape-tracker");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err()).contains("refused:").contains("needs 5 uses, has 3 (2 short)");
    assertThat(llmos.run("promote", "--candidates").out())
        .contains("Close:")
        .contains("skill:tape-tracker");

    record("tape-tracker", 2);
    var candidates = llmos.run("promote", "--candidates");
    assertThat(candidates.out()).contains("1 qualifying, 0 close");
    var promoted = llmos.run("promote", "tape-tracker");
    assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
    assertThat(promoted.out())
        .contains("promoted skill tape-tracker from the user volume to the team volume");
    assertThat(llmos.run("skills", "list", "--volume", "team").out()).contains("tape-tracker");
  }

  @Test
  void promotionIntoTheSystemVolumeNeedsApprovalAndAGitCheckout() throws Exception {
    llmos.run("init");
    userSkill("tape-tracker");
    record("tape-tracker", 5);
    llmos.run("promote", "tape-tracker");
    record("tape-tracker", 10);

    var packaged = llmos.run("promote", "tape-tracker", "--approve", "--approver", "alice");
    assertThat(packaged.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(packaged.err()).contains("--system-volume").contains("git checkout");

    Path system = systemCheckout(dir.resolve("system"));
    var unapproved = llmos.run("promote", "tape-tracker", "--system-volume", system.toString());
    assertThat(unapproved.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(unapproved.err()).contains("needs --approve");

    var approved =
        llmos.run(
            "promote",
            "tape-tracker",
            "--approve",
            "--approver",
            "alice",
            "--system-volume",
            system.toString());
    assertThat(approved.exitCode()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("to the system volume").contains("approved by: alice");
    assertThat(system.resolve("skills/tape-tracker/SKILL.md")).isRegularFile();
  }

  @Test
  void promoteTakesEitherANameOrCandidates() {
    llmos.run("init");
    assertThat(llmos.run("promote").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(llmos.run("promote", "patrol", "--candidates").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(llmos.run("promote", "patrol", "--approver", "bob").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    var top = llmos.run("promote", "patrol");
    assertThat(top.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(top.err()).contains("already in the system volume");
  }

  private void record(String name, int successes) {
    for (int i = 0; i < successes; i++) {
      var r = llmos.run("usage", "record", name, "--success");
      assertThat(r.exitCode()).as(r.toString()).isZero();
    }
  }

  private void userSkill(String name) {
    Workspace ws = Workspace.open(dir.resolve("ws"), Optional.empty(), Clock.systemUTC());
    String text =
        "---\nname: "
            + name
            + "\ndescription: Follows coloured tape. Use when the robot should track tape.\n"
            + "---\n\nKeep the tape between the line sensors.\n";
    ws.volume(VolumeKind.USER)
        .write(
            "skills/" + name + "/SKILL.md",
            text.getBytes(StandardCharsets.UTF_8),
            "Create " + name);
  }

  /** A git repository holding a copy of the shipped system volume. */
  private static Path systemCheckout(Path to) throws Exception {
    Path from = SystemVolumes.packaged().root();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    try (Git git = Git.init().setDirectory(to.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Maintainer", "maintainer@llmos.invalid");
      git.commit().setMessage("Ship").setAuthor(who).setCommitter(who).setSign(false).call();
    }
    return to;
  }
}
