package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCommandTest {
  private static final String ID = "\\d{8}T\\d{6}Z-[0-9a-f]{6}";

  @TempDir Path dir;
  private CliRunner llmos;

  @BeforeEach
  void setUp() {
    llmos = new CliRunner(dir.resolve("ws"));
  }

  private String log(String agent, String goal, String success) {
    var r =
        llmos.run(
            "memory",
            "log",
            "--agent",
            agent,
            "--goal",
            goal,
            "--outcome",
            "found it behind the sofa",
            "--success",
            success,
            "--duration",
            "12.5");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).matches(ID);
    return r.out().strip();
  }

  @Test
  void logConsolidateAndQuery() {
    assertThat(llmos.run("init").exitCode()).isZero();
    String first = log("seeker", "Find the red ball", "0.9");
    log("seeker", "find red ball!", "0.8");
    log("rover", "Find the red ball", "1");
    assertThat(dir.resolve("ws/volumes/user/memory/short_term/" + first + ".md")).isRegularFile();

    var consolidated = llmos.run("memory", "consolidate");
    assertThat(consolidated.exitCode()).as(consolidated.toString()).isZero();
    assertThat(consolidated.out())
        .contains("1 learning(s) written", "0 trace(s) pruned", "Find the red ball", "90%");
    var again = llmos.run("memory", "consolidate");
    assertThat(again.out()).contains("already consolidated");

    var query = llmos.run("memory", "query", "red", "ball");
    assertThat(query.exitCode()).as(query.toString()).isZero();
    assertThat(query.out())
        .startsWith("SCORE")
        .contains("long_term", "short_term", first)
        .contains("4 result(s)");
    assertThat(query.err()).isEmpty();
    var limited = llmos.run("memory", "query", "red ball", "--limit", "2");
    assertThat(limited.out()).contains("2 result(s)");
    var nothing = llmos.run("memory", "query", "kitchen");
    assertThat(nothing.out()).contains("no memories match 'kitchen'");
  }

  @Test
  void refusalsSayWhatToDoWithTheRightExitCode() {
    var noWorkspace = llmos.run("memory", "query", "ball");
    assertThat(noWorkspace.exitCode()).isEqualTo(ExitCodes.NO_WORKSPACE);
    assertThat(noWorkspace.err()).contains("llmos init");

    llmos.run("init");
    var badSuccess =
        llmos.run(
            "memory",
            "log",
            "--agent",
            "seeker",
            "--goal",
            "g",
            "--outcome",
            "o",
            "--success",
            "1.5");
    assertThat(badSuccess.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(badSuccess.err()).contains("success must be from 0 to 1, got 1.5");

    var missing = llmos.run("memory", "log", "--goal", "g", "--outcome", "o", "--success", "1");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--agent");

    var tooMany = llmos.run("memory", "query", "ball", "--limit", "51");
    assertThat(tooMany.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(tooMany.err()).contains("above memory.query.max_limit (50");

    var unknownParent =
        llmos.run(
            "memory",
            "log",
            "--agent",
            "seeker",
            "--goal",
            "g",
            "--outcome",
            "o",
            "--success",
            "1",
            "--parent",
            "20200101T000000Z-abcdef");
    assertThat(unknownParent.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(unknownParent.err()).contains("is not in short-term memory");
  }

  @Test
  void damagedFilesAreReportedButDoNotStopTheCommand() throws IOException {
    llmos.run("init");
    log("seeker", "Find the red ball", "0.9");
    Path garbage = dir.resolve("ws/volumes/user/memory/short_term/20200101T000000Z-000000.md");
    Files.write(garbage, new byte[] {0, 1, 2});

    var query = llmos.run("memory", "query", "ball");
    assertThat(query.exitCode()).as(query.toString()).isZero();
    assertThat(query.out()).contains("1 result(s)");
    assertThat(query.err())
        .contains(
            "warning: skipped damaged user:memory/short_term/20200101T000000Z-000000.md: line 1:"
                + " contains a NUL character");
    var consolidate = llmos.run("memory", "consolidate");
    assertThat(consolidate.exitCode()).isZero();
    assertThat(consolidate.err()).contains("1 memory file(s) skipped");
    assertThat(garbage).exists();
  }

  @Test
  void helpDescribesEverySubcommand() {
    var help = llmos.run("memory", "--help");
    assertThat(help.out()).contains("log", "query", "consolidate", "Remember one piece of work");
    assertThat(llmos.run("--help").out()).contains("memory");
    assertThat(llmos.run("memory", "log", "--help").out()).contains("--success", "0 failed");
  }
}
