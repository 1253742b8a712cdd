package dev.llmos.kernel.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownDocumentWithFieldTest {
  private static final String HEAD = "---\n# Agent under test.\nname: rover\n";
  private static final String DESCRIPTION = "description: Drives around.  # short on purpose\n";
  private static final String VERSION = "version: 1\n";
  private static final String SKILLS = "skills:\n  - obstacle-avoidance\n  - battery-care\n";
  private static final String RUNTIME =
      """
      runtime:
        goal: explore
        params:
          cruise_mps: 0.2   # tuned
        rules:
          - "if always then forward(cruise_mps)"
      """;
  private static final String TAIL = "# tools come last\ntools: [a, b]\n---\n\nBody text.\n";
  private static final String ORIGINAL = HEAD + DESCRIPTION + VERSION + SKILLS + RUNTIME + TAIL;

  private static MarkdownDocument original() {
    return MarkdownDocument.parse("rover.md", ORIGINAL);
  }

  @Test
  void replacingAScalarChangesOnlyItsLine() {
    MarkdownDocument edited = original().withField("version", 2);

    assertThat(edited.text())
        .isEqualTo(HEAD + DESCRIPTION + "version: 2\n" + SKILLS + RUNTIME + TAIL);
    assertThat(reparse(edited).fields().integer("version", 1, 10)).isEqualTo(2);
  }

  @Test
  void replacingABlockListReplacesAllItsItemsAndNothingElse() {
    MarkdownDocument edited = original().withField("skills", List.of("frontier-exploration"));

    assertThat(edited.text())
        .isEqualTo(
            HEAD + DESCRIPTION + VERSION + "skills:\n- frontier-exploration\n" + RUNTIME + TAIL);
    assertThat(reparse(edited).fields().stringList("skills"))
        .containsExactly("frontier-exploration");
  }

  @Test
  void replacingANestedMappingReplacesTheWholeBlock() {
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("goal", "patrol");
    runtime.put("params", Map.of("cruise_mps", 0.1));

    MarkdownDocument edited = original().withField("runtime", runtime);

    assertThat(edited.text())
        .isEqualTo(
            HEAD
                + DESCRIPTION
                + VERSION
                + SKILLS
                + "runtime:\n  goal: patrol\n  params:\n    cruise_mps: 0.1\n"
                + TAIL);
    YamlMap reread = reparse(edited).fields().map("runtime");
    assertThat(reread.string("goal")).isEqualTo("patrol");
    assertThat(reread.map("params").number("cruise_mps", 0, 1)).isEqualTo(0.1);
    assertThat(reread.has("rules")).isFalse();
  }

  @Test
  void replacingAFlowListAtTheEndKeepsTheClosingAndBody() {
    MarkdownDocument edited = original().withField("tools", List.of("c"));

    assertThat(edited.text())
        .isEqualTo(
            HEAD
                + DESCRIPTION
                + VERSION
                + SKILLS
                + RUNTIME
                + "# tools come last\ntools:\n- c\n---\n\nBody text.\n");
    assertThat(reparse(edited).fields().stringList("tools")).containsExactly("c");
  }

  @Test
  void addingANewKeyAppendsItAtTheEndOfTheFrontmatter() {
    MarkdownDocument edited = original().withField("origin", "created");

    assertThat(edited.text())
        .isEqualTo(
            HEAD
                + DESCRIPTION
                + VERSION
                + SKILLS
                + RUNTIME
                + "# tools come last\ntools: [a, b]\norigin: created\n---\n\nBody text.\n");
    MarkdownDocument reread = reparse(edited);
    assertThat(reread.fields().string("origin")).isEqualTo("created");
    assertThat(reread.fields().keys())
        .containsExactly("name", "description", "version", "skills", "runtime", "tools", "origin");
  }

  @Test
  void replacingAFoldedMultiLineScalarRemovesAllItsLines() {
    MarkdownDocument doc =
        MarkdownDocument.parse(
            "f.md", "---\nname: f\ndescription: >\n  folded\n  text\nversion: 1\n---\nbody\n");

    MarkdownDocument edited = doc.withField("description", "one line");

    assertThat(edited.text())
        .isEqualTo("---\nname: f\ndescription: one line\nversion: 1\n---\nbody\n");
  }

  @Test
  void valuesThatNeedQuotingAreQuotedSoTheyReadBackTheSame() {
    MarkdownDocument edited = original().withField("description", "a: b # not a comment");

    assertThat(reparse(edited).fields().string("description")).isEqualTo("a: b # not a comment");
    assertThat(edited.text()).startsWith(HEAD).endsWith(VERSION + SKILLS + RUNTIME + TAIL);
  }

  @Test
  void positionsAfterEmojiAreFoundByCodePoint() {
    MarkdownDocument doc =
        MarkdownDocument.parse(
            "e.md", "---\nname: emoji\ndescription: 🤖🤖🤖 robots\nversion: 1\n---\nbody 🚀\n");

    MarkdownDocument edited = doc.withField("version", 2);

    assertThat(edited.text())
        .isEqualTo("---\nname: emoji\ndescription: 🤖🤖🤖 robots\nversion: 2\n---\nbody 🚀\n");
  }

  @Test
  void theOriginalDocumentIsNotChanged() {
    MarkdownDocument doc = original();

    doc.withField("version", 7);

    assertThat(doc.text()).isEqualTo(ORIGINAL);
  }

  private static MarkdownDocument reparse(MarkdownDocument doc) {
    return MarkdownDocument.parse(doc.source(), doc.bytes());
  }
}
