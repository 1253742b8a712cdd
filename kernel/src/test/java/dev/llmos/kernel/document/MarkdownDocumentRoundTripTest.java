package dev.llmos.kernel.document;

import static dev.llmos.kernel.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownDocumentRoundTripTest {

  /** Every frontmatter document of the shipped system volume: kernel files, agents, skills. */
  static List<Path> shippedFiles() throws IOException {
    return allShippedFiles().stream().filter(MarkdownDocumentRoundTripTest::isDocument).toList();
  }

  private static List<Path> allShippedFiles() throws IOException {
    Path root = Fixtures.shippedSystemVolume();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  private static boolean isDocument(Path relative) {
    String path = relative.toString().replace('\\', '/');
    return path.matches("(kernel|agents)/[^/]+\\.md|skills/[^/]+/SKILL\\.md");
  }

  @Test
  void theShippedSystemVolumeHasKernelAgentAndSkillDocuments() throws IOException {
    List<Path> documents = shippedFiles();

    assertThat(documents).filteredOn(p -> p.startsWith("kernel")).hasSize(6);
    assertThat(documents).filteredOn(p -> p.startsWith("agents")).hasSizeGreaterThanOrEqualTo(14);
    assertThat(documents).filteredOn(p -> p.startsWith("skills")).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void everyOtherShippedFileIsAResourceInsideASkillFolder() throws IOException {
    assertThat(allShippedFiles())
        .filteredOn(p -> !isDocument(p))
        .allMatch(p -> p.getNameCount() > 3 && p.startsWith("skills"));
  }

  @ParameterizedTest
  @MethodSource("shippedFiles")
  void everyShippedDocumentIsWrittenBackByteForByte(Path file) throws IOException {
    byte[] original = Files.readAllBytes(Fixtures.shippedSystemVolume().resolve(file));

    MarkdownDocument doc = MarkdownDocument.parse(file.toString(), original);

    assertThat(doc.bytes()).isEqualTo(original);
    assertThat(doc.fields().string("name")).isNotBlank();
    assertThat(doc.withBody(doc.body()).bytes()).isEqualTo(original);
  }

  static Stream<Arguments> trickyInputs() {
    return Stream.of(
        tricky(
            "CRLF line endings",
            "---\r\nname: crlf\r\ndescription: Windows\r\n---\r\nBody line\r\n",
            "crlf",
            "Body line\r\n"),
        tricky("byte order mark", "\uFEFF---\nname: bom\n---\nbody\n", "bom", "body\n"),
        tricky(
            "no trailing newline in the body",
            "---\nname: tail\n---\nlast line without newline",
            "tail",
            "last line without newline"),
        tricky("closing delimiter at end of file", "---\nname: eof\n---", "eof", ""),
        tricky(
            "comments in frontmatter and body",
            """
            ---
            # leading comment
            name: commented # trailing
            # between
            description: d
            ---
            <!-- html comment -->
            body
            """,
            "commented",
            "<!-- html comment -->\nbody\n"),
        tricky(
            "unicode and emoji",
            "---\nname: unicode\ndescription: \"Grüße, 日本語 and 🤖🚀\"\n---\nBody 🤖 ü\n",
            "unicode",
            "Body 🤖 ü\n"),
        tricky("empty body", "---\nname: empty\n---\n", "empty", ""),
        tricky("'...' closing", "---\nname: dots\n...\nbody\n", "dots", "body\n"),
        tricky(
            "trailing spaces on the delimiters",
            "---  \nname: spaces\n---\t\nbody\n",
            "spaces",
            "body\n"),
        tricky(
            "a '---' line in the body",
            "---\nname: rule\n---\nabove\n---\nbelow\n",
            "rule",
            "above\n---\nbelow\n"));
  }

  private static Arguments tricky(String label, String text, String name, String body) {
    return Arguments.of(Named.of(label, text), name, body);
  }

  @ParameterizedTest
  @MethodSource("trickyInputs")
  void trickyInputsAreWrittenBackByteForByte(String text, String name, String body) {
    byte[] original = utf8(text);

    MarkdownDocument doc = MarkdownDocument.parse("tricky.md", original);

    assertThat(doc.bytes()).isEqualTo(original);
    assertThat(doc.text()).isEqualTo(text);
    assertThat(doc.fields().string("name")).isEqualTo(name);
    assertThat(doc.body()).isEqualTo(body);
  }

  @Test
  void unicodeFieldValuesAreReadWhole() {
    MarkdownDocument doc =
        MarkdownDocument.parse(
            "u.md", utf8("---\nname: u\ndescription: \"Grüße 🤖🚀\"\n---\nBody\n"));

    assertThat(doc.fields().string("description")).isEqualTo("Grüße 🤖🚀");
  }

  @Test
  void emptyFrontmatterParsesToNoFields() {
    MarkdownDocument doc = MarkdownDocument.parse("e.md", "---\n---\nbody\n");

    assertThat(doc.fields().isEmpty()).isTrue();
    assertThat(doc.text()).isEqualTo("---\n---\nbody\n");
  }

  @Test
  void bodyFirstLineCountsTheFrontmatterLines() {
    MarkdownDocument doc = MarkdownDocument.parse("b.md", "---\nname: b\nversion: 1\n---\nbody\n");

    assertThat(doc.bodyFirstLine()).isEqualTo(5);
  }
}
