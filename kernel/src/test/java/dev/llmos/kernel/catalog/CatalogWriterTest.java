package dev.llmos.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.volume.ReadOnlyVolumeException;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeCommit;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogWriterTest {
  private static final String AGENT =
      """
      ---
      name: %s
      description: Reviews robot agents for safety. Use before writing an agent.
      kind: specialist
      version: 1
      origin: created
      skills: [safety-limits]
      ---

      You review agents.
      """;

  @TempDir Path tmp;

  private Workspace workspace;
  private Volume user;
  private CatalogWriter writer;

  @BeforeEach
  void createWorkspace() {
    workspace = Workspace.init(tmp.resolve("ws"), Optional.empty(), Fixtures.clock());
    user = workspace.volume(VolumeKind.USER);
    writer = new CatalogWriter(workspace.volumes(), workspace.kernel().settings());
  }

  @Test
  void aValidAgentIsWrittenAsOneCommitWithTheMessageGiven() {
    MarkdownDocument doc = MarkdownDocument.parse("new agent", AGENT.formatted("reviewer"));

    AgentSpec spec = writer.writeAgent(VolumeKind.USER, doc, "Create reviewer\n\nFor the demo.");

    List<VolumeCommit> history = user.history(10);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).message()).isEqualTo("Create reviewer\n\nFor the demo.");
    assertThat(user.read("agents/reviewer.md"))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(doc.bytes()));
    assertThat(spec.volume()).isEqualTo(VolumeKind.USER);
    assertThat(spec.document().source()).isEqualTo("user:agents/reviewer.md");
    assertThat(Catalog.load(workspace.volumes(), workspace.kernel().settings()).agent("reviewer"))
        .hasValueSatisfying(a -> assertThat(a.volume()).isEqualTo(VolumeKind.USER));
  }

  @Test
  void anInvalidAgentIsRefusedAndNothingIsWritten() {
    MarkdownDocument doc =
        MarkdownDocument.parse(
            "new agent", AGENT.formatted("reviewer").replace("[safety-limits]", "[telepathy]"));

    InvalidDocumentException e =
        catchThrowableOfType(
            InvalidDocumentException.class,
            () -> writer.writeAgent(VolumeKind.USER, doc, "Create reviewer"));

    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where()).isEqualTo(new SourceLocation("user:agents/reviewer.md", 7, 10));
              assertThat(p.message()).contains("skill 'telepathy' does not exist");
            });
    assertThat(user.history(10)).hasSize(1);
    assertThat(user.exists("agents/reviewer.md")).isFalse();
  }

  @Test
  void writingToTheSystemVolumeIsRefused() {
    MarkdownDocument doc = MarkdownDocument.parse("new agent", AGENT.formatted("reviewer"));

    assertThatThrownBy(() -> writer.writeAgent(VolumeKind.SYSTEM, doc, "Sneak into system"))
        .isInstanceOf(ReadOnlyVolumeException.class);

    assertThat(workspace.volume(VolumeKind.SYSTEM).exists("agents/reviewer.md")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "a/b", "..", "x/../../../../tmp/evil", "/abs"})
  void aNameWithDotsOrSlashesIsRefusedBeforeAnyPathIsBuilt(String name) throws IOException {
    MarkdownDocument doc = MarkdownDocument.parse("new agent", AGENT.formatted("\"" + name + "\""));

    InvalidDocumentException e =
        catchThrowableOfType(
            InvalidDocumentException.class,
            () -> writer.writeAgent(VolumeKind.USER, doc, "Create " + name));

    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where()).isEqualTo(new SourceLocation("new agent", 2, 7));
              assertThat(p.message()).contains("lower-case letters, digits and single hyphens");
            });
    assertThat(user.history(10)).hasSize(1);
    assertThat(filesUnder(tmp)).noneMatch(p -> p.getFileName().toString().startsWith("evil"));
    assertThat(filesUnder(tmp)).noneMatch(p -> p.getFileName().toString().startsWith("escape"));
  }

  @Test
  void aValidSkillIsWrittenWithItsResourcesAsOneCommit() {
    MarkdownDocument skill =
        MarkdownDocument.parse(
            "new skill",
            "---\nname: juggling\ndescription: Juggles. Use for shows.\n---\n\nThrow.\n");

    SkillSpec spec =
        writer.writeSkill(
            VolumeKind.TEAM,
            skill,
            Map.of("scripts/count.py", Fixtures.utf8("print(3)\n")),
            "Add juggling");

    Volume team = workspace.volume(VolumeKind.TEAM);
    assertThat(team.history(10)).hasSize(2);
    assertThat(team.exists("skills/juggling/SKILL.md")).isTrue();
    assertThat(team.exists("skills/juggling/scripts/count.py")).isTrue();
    assertThat(spec.resources()).containsExactly("skills/juggling/scripts/count.py");
  }

  @Test
  void aSkillResourcePathThatEscapesIsRefusedAndNothingIsWritten() {
    MarkdownDocument skill =
        MarkdownDocument.parse(
            "new skill",
            "---\nname: juggling\ndescription: Juggles. Use for shows.\n---\n\nThrow.\n");

    assertThatThrownBy(
            () ->
                writer.writeSkill(
                    VolumeKind.USER,
                    skill,
                    Map.of("../../agents/evil.md", Fixtures.utf8("x")),
                    "Add juggling"))
        .isInstanceOf(dev.llmos.kernel.volume.PathEscapeException.class);

    assertThat(user.history(10)).hasSize(1);
    assertThat(user.exists("skills/juggling/SKILL.md")).isFalse();
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.toList();
    }
  }
}
