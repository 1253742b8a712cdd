package dev.llmos.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;
  private CliRunner llmos;

  @BeforeEach
  void setUp() {
    llmos = new CliRunner(dir.resolve("ws"));
  }

  @Test
  void aRunIsRememberedAndCountedAsAUseOfTheAgentAndItsSkills() {
    assertThat(llmos.run("init").exitCode()).isZero();

    var run =
        llmos.run("run", "wall-avoider", "--arena", "obstacles", "--duration", "5", "--headless");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Matcher memory =
        Pattern.compile(
                "(?m)^  memory: trace (\\d{8}T\\d{6}Z-[0-9a-f]{6}); usage: wall-avoider,"
                    + " obstacle-avoidance, safety-limits, battery-care \\(3 skills\\)$")
            .matcher(run.out());
    assertThat(memory.find()).as(run.toString()).isTrue();
    String trace = memory.group(1);
    assertThat(dir.resolve("ws/volumes/user/memory/short_term/" + trace + ".md")).isRegularFile();

    var query = llmos.run("memory", "query", "avoid", "obstacles");
    assertThat(query.exitCode()).as(query.toString()).isZero();
    assertThat(query.out()).contains(trace, "avoid obstacles", "completed (5 s");

    var usage = llmos.run("usage", "show");
    assertThat(usage.exitCode()).as(usage.toString()).isZero();
    assertThat(usage.out())
        .containsPattern("agent:wall-avoider +user +1 +1 \\(100%\\)")
        .containsPattern("skill:obstacle-avoidance +user +1 +1 \\(100%\\)")
        .contains("4 items");
  }
}
