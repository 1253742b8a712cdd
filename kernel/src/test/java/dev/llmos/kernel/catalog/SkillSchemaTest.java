package dev.llmos.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.volume.CommitAuthor;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillSchemaTest {
  private static final String SOURCE = "team:skills/docking/SKILL.md";
  private static final KernelSettings SETTINGS =
      new KernelSettings(1, CommitAuthor.DEFAULT, 262144, 1024);

  private static final String SKILL =
      """
      ---
      name: docking
      description: Drives the robot onto its charging dock. Use when the battery is low.
      license: Apache-2.0
      compatibility: Needs a dock with a marker.
      metadata:
        category: power
        version: "1"
      ---

      # Docking

      Approach the dock slowly.
      """;

  @Test
  void aValidSkillIsRead() {
    SkillSpec spec = read(SKILL);

    assertThat(spec.name()).isEqualTo("docking");
    assertThat(spec.license()).hasValue("Apache-2.0");
    assertThat(spec.compatibility()).hasValue("Needs a dock with a marker.");
    assertThat(spec.metadata()).containsEntry("category", "power").containsEntry("version", "1");
    assertThat(spec.path()).isEqualTo("skills/docking/SKILL.md");
    assertThat(spec.volume()).isEqualTo(VolumeKind.TEAM);
  }

  @Test
  void aMissingNameIsRefused() {
    Problem p = onlyProblem(SKILL.replace("name: docking\n", ""));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 2, 1));
    assertThat(p.message()).isEqualTo("missing required field 'name'");
  }

  @Test
  void aMissingDescriptionIsRefused() {
    Problem p = onlyProblem(SKILL.replaceFirst("description: .*\n", ""));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 2, 1));
    assertThat(p.message()).isEqualTo("missing required field 'description'");
  }

  @Test
  void aBlankDescriptionIsRefused() {
    Problem p = onlyProblem(SKILL.replaceFirst("description: .*\n", "description: \"  \"\n"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 3, 14));
    assertThat(p.message()).contains("it is blank");
  }

  @Test
  void anUnknownTopLevelKeyIsRefused() {
    Problem p = onlyProblem(SKILL.replace("license:", "version: 2\nlicense:"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 4, 1));
    assertThat(p.message()).startsWith("unknown key 'version'; expected one of [allowed-tools,");
  }

  @Test
  void compatibilityLongerThanFiveHundredCharactersIsRefused() {
    String text = SKILL.replace("Needs a dock with a marker.", "c".repeat(501));

    Problem p = onlyProblem(text);

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 5, 16));
    assertThat(p.message())
        .isEqualTo("field 'compatibility' is 501 characters; at most 500 are allowed");
  }

  @Test
  void compatibilityOfExactlyFiveHundredCharactersIsAllowed() {
    SkillSpec spec = read(SKILL.replace("Needs a dock with a marker.", "c".repeat(500)));

    assertThat(spec.compatibility().orElseThrow()).hasSize(500);
  }

  @Test
  void aMetadataValueThatIsNotAStringIsRefused() {
    Problem p = onlyProblem(SKILL.replace("version: \"1\"", "version: 1"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 8, 12));
    assertThat(p.message()).isEqualTo("field 'version' must be a string, got number '1'");
  }

  @Test
  void aNameThatDiffersFromTheFolderIsRefused() {
    Problem p = onlyProblem(SKILL.replace("name: docking", "name: charging"));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 2, 7));
    assertThat(p.message()).isEqualTo("name 'charging' does not match the folder name 'docking'");
  }

  @Test
  void anEmptyBodyIsRefused() {
    Problem p = onlyProblem(SKILL.substring(0, SKILL.indexOf("---\n", 4) + 4));

    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, 10, 0));
    assertThat(p.message()).contains("the skill has no instructions");
  }

  private static SkillSpec read(String text) {
    return SkillSchema.read(
        MarkdownDocument.parse(SOURCE, text), "docking", VolumeKind.TEAM, List.of(), SETTINGS);
  }

  private static Problem onlyProblem(String text) {
    InvalidDocumentException e =
        catchThrowableOfType(InvalidDocumentException.class, () -> read(text));
    assertThat(e).as("the skill is refused").isNotNull();
    assertThat(e.problems()).as(e.problems().toString()).hasSize(1);
    return e.problems().get(0);
  }
}
