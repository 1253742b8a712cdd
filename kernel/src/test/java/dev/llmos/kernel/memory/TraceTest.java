package dev.llmos.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceTest {
  private static final Instant TIME = Instant.parse("2026-11-25T01:02:03Z");
  private static final String ID = "20261125T010203Z-0a1b2c";

  private static Trace sample() {
    return new Trace(
        ID,
        TIME,
        "wall-avoider",
        "Explore the kitchen",
        "Covered 80% of the floor",
        0.8,
        42.5,
        Optional.of("20261125T000000Z-ffffff"),
        Optional.empty(),
        "Stuck once under the chair.\n");
  }

  @Test
  void roundTripsThroughItsMarkdownFile() {
    Trace trace = sample();
    String text = new String(trace.toMarkdown(), StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("---\nid: " + ID + "\n")
        .contains("time: 2026-11-25T01:02:03Z", "success: 0.8", "duration_s: 42.5")
        .contains("parent: 20261125T000000Z-ffffff")
        .doesNotContain("previous")
        .endsWith("---\nStuck once under the chair.\n");
    assertThat(Trace.parse(trace.path(), trace.toMarkdown(), ID)).isEqualTo(trace);
  }

  @Test
  void idsAreDeterministicSafeAndSortByTime() {
    String a = Trace.newId(TIME, "wall-avoider", "Explore", 0);
    assertThat(a)
        .isEqualTo(Trace.newId(TIME, "wall-avoider", "Explore", 0))
        .matches("20261125T010203Z-[0-9a-f]{6}");
    assertThat(Trace.newId(TIME, "wall-avoider", "Explore", 1)).isNotEqualTo(a);
    assertThat(Trace.newId(TIME.plusSeconds(1), "wall-avoider", "Explore", 0)).isGreaterThan(a);
    assertThat(Trace.idProblem("../../etc/passwd")).isPresent();
    assertThat(Trace.idProblem(a)).isEmpty();
  }

  @Test
  void refusesBadFieldsWhenBuilt() {
    assertThatThrownBy(
            () ->
                new Trace(
                    ID,
                    TIME,
                    "Wall Avoider",
                    "g",
                    "o",
                    0.5,
                    1,
                    Optional.empty(),
                    Optional.empty(),
                    ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent name 'Wall Avoider'");
    assertThatThrownBy(
            () ->
                new Trace(ID, TIME, "a", "g", "o", 1.5, 1, Optional.empty(), Optional.empty(), ""))
        .hasMessageContaining("success must be from 0 to 1");
    assertThatThrownBy(
            () ->
                new Trace(
                    ID, TIME, "a", "two\nlines", "o", 1, 1, Optional.empty(), Optional.empty(), ""))
        .hasMessageContaining("goal must be one line");
  }

  @Test
  void aBadFileIsRefusedNamingFileLineAndField() {
    String text =
        "---\n"
            + "id: "
            + ID
            + "\n"
            + "time: yesterday\n"
            + "agent: wall-avoider\n"
            + "goal: Explore\n"
            + "outcome: fine\n"
            + "success: 1.5\n"
            + "duration_s: 3\n"
            + "colour: red\n"
            + "---\n";
    String path = "memory/short_term/" + ID + ".md";
    assertThatThrownBy(() -> Trace.parse(path, text.getBytes(StandardCharsets.UTF_8), ID))
        .isInstanceOf(InvalidDocumentException.class)
        .satisfies(
            e -> {
              var problems = ((InvalidDocumentException) e).problems();
              assertThat(problems)
                  .extracting(Problem::toString)
                  .anySatisfy(p -> assertThat(p).startsWith(path + ":9:1: unknown key 'colour'"))
                  .anySatisfy(
                      p ->
                          assertThat(p).startsWith(path + ":3:7: field 'time' must be an ISO-8601"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .startsWith(
                                  path + ":7:10: field 'success' must be a number from 0 to 1"));
            });
  }

  @Test
  void theIdMustMatchTheFileName() {
    Trace trace = sample();
    String other = "20261125T010203Z-999999";
    assertThatThrownBy(() -> Trace.parse("x.md", trace.toMarkdown(), other))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("x.md:2:5: id '" + ID + "' does not match the file name");
  }

  @Test
  void aMissingFieldIsNamed() {
    String text = "---\nid: " + ID + "\ntime: 2026-11-25T01:02:03Z\n---\n";
    assertThatThrownBy(() -> Trace.parse("t.md", text.getBytes(StandardCharsets.UTF_8), ID))
        .hasMessageContaining("missing required field 'agent'")
        .hasMessageContaining("missing required field 'success'");
  }
}
