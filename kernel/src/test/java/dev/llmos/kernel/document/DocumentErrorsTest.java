package dev.llmos.kernel.document;

import static dev.llmos.kernel.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DocumentErrorsTest {
  private static final String SOURCE = "user:agents/x.md";

  @Test
  void badIndentationPointsAtTheOffendingColon() {
    Problem p = onlyProblem(() -> parse("---\nname: x\ndescription: y\n  version: 1\n---\n"));

    assertAt(p, 4, 10);
    assertThat(p.message()).startsWith("malformed YAML").contains("mapping values are not allowed");
  }

  @Test
  void aDedentedKeyInsideANestedMappingPointsAtThatKey() {
    Problem p = onlyProblem(() -> parse("---\nruntime:\n  goal: x\n planner: y\n---\n"));

    assertAt(p, 4, 2);
    assertThat(p.message()).startsWith("malformed YAML").contains("expected <block end>");
  }

  @Test
  void aTabUsedForIndentationIsNamed() {
    Problem p = onlyProblem(() -> parse("---\nname: x\n\tversion: 1\n---\n"));

    assertAt(p, 3, 1);
    assertThat(p.message()).contains("TAB");
  }

  @Test
  void yamlErrorsAreCountedFromTheFileNotTheFrontmatter() {
    Problem p =
        onlyProblem(
            () -> parse("\uFEFF---\r\nname: x\r\ndescription: y\r\n  version: 1\r\n---\r\n"));

    assertAt(p, 4, 10);
  }

  @Test
  void aMissingOpeningDelimiterIsRefusedAtLineOne() {
    Problem p = onlyProblem(() -> parse("name: x\n---\nbody\n"));

    assertAt(p, 1, 1);
    assertThat(p.message()).contains("expected '---' on the first line");
  }

  @Test
  void anUnclosedFrontmatterIsRefusedNamingWhereItOpened() {
    Problem p = onlyProblem(() -> parse("---\nname: x\nbody without a closing line\n"));

    assertAt(p, 1, 0);
    assertThat(p.message()).contains("never closed").contains("expected a line '---'");
  }

  @Test
  void binaryGarbageIsRefusedAsNotUtf8() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    Problem p = onlyProblem(() -> MarkdownDocument.parse(SOURCE, png));

    assertAt(p, 1, 0);
    assertThat(p.message()).contains("not UTF-8").contains("0x89").contains("offset 0");
  }

  @Test
  void randomBytesAreRefusedWithAProblemNotACrash() {
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);

    Problem p = onlyProblem(() -> MarkdownDocument.parse(SOURCE, bytes));

    assertThat(p.where().source()).isEqualTo(SOURCE);
    assertThat(p.message()).containsAnyOf("not UTF-8", "NUL", "expected '---'");
  }

  @Test
  void anInvalidByteAfterMultiByteCharactersIsPlacedOnItsOwnLine() {
    byte[] head = utf8("---\nname: 🤖🤖🤖🤖🤖🤖\nnote: bad ");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head);
    bytes.write(0xff);
    bytes.writeBytes(utf8("\n---\nbody\n"));

    Problem p = onlyProblem(() -> MarkdownDocument.parse(SOURCE, bytes.toByteArray()));

    assertAt(p, 3, 0);
    assertThat(p.message()).contains("0xff").contains("offset " + head.length);
  }

  @Test
  void aTruncatedMultiByteCharacterIsRefused() {
    byte[] emoji = utf8("🤖");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(utf8("---\nname: x\n---\n"));
    bytes.write(emoji, 0, 2);

    Problem p = onlyProblem(() -> MarkdownDocument.parse(SOURCE, bytes.toByteArray()));

    assertAt(p, 4, 0);
    assertThat(p.message()).contains("0xf0").contains("offset 16");
  }

  @Test
  void nulBytesAreRefusedAsBinary() {
    Problem p =
        onlyProblem(() -> MarkdownDocument.parse(SOURCE, utf8("---\nname: x\nnote: a\0b\n---\n")));

    assertAt(p, 3, 0);
    assertThat(p.message()).contains("NUL").contains("binary");
  }

  @Test
  void duplicateKeysPointAtTheSecondOne() {
    Problem p = onlyProblem(() -> parse("---\nname: a\ndescription: d\nname: b\n---\n"));

    assertAt(p, 4, 1);
    assertThat(p.message()).isEqualTo("duplicate key 'name'");
  }

  @Test
  void duplicateKeysInANestedMappingAreRefusedWhenRead() {
    YamlMap fields = parse("---\nruntime:\n  goal: a\n  goal: b\n---\n").fields();

    Problem p = onlyProblem(() -> fields.map("runtime"));

    assertAt(p, 4, 3);
    assertThat(p.message()).isEqualTo("duplicate key 'goal'");
  }

  @Test
  void aWrongTypePointsAtTheValueAndSaysWhatWasExpected() {
    YamlMap fields = parse("---\nname: x\nversion: three\n---\n").fields();

    Problem p = onlyProblem(() -> fields.integer("version", 1, 1000));

    assertAt(p, 3, 10);
    assertThat(p.message())
        .isEqualTo("field 'version' must be an integer from 1 to 1000, got text 'three'");
  }

  @Test
  void aQuotedNumberIsNotAnInteger() {
    YamlMap fields = parse("---\nversion: \"3\"\n---\n").fields();

    Problem p = onlyProblem(() -> fields.integer("version", 1, 1000));

    assertAt(p, 2, 10);
    assertThat(p.message()).contains("must be an integer").contains("got text '3'");
  }

  @Test
  void aNumberOutOfRangeSaysTheRange() {
    YamlMap fields = parse("---\nspeed: 2.5\n---\n").fields();

    Problem p = onlyProblem(() -> fields.number("speed", 0, 2));

    assertAt(p, 2, 8);
    assertThat(p.message())
        .isEqualTo("field 'speed' must be a number from 0 to 2, got number '2.5'");
  }

  @Test
  void aMissingRequiredFieldIsNamedAtTheStartOfTheMapping() {
    YamlMap fields = parse("---\nname: x\n---\n").fields();

    Problem p = onlyProblem(() -> fields.string("description"));

    assertAt(p, 2, 1);
    assertThat(p.message()).isEqualTo("missing required field 'description'");
  }

  @Test
  void aRequiredFieldWithNoValueCountsAsMissing() {
    YamlMap fields = parse("---\nname: x\ndescription:\n---\n").fields();

    Problem p = onlyProblem(() -> fields.string("description"));

    assertThat(p.message()).isEqualTo("missing required field 'description'");
  }

  @Test
  void unknownKeysAreEachNamedWithTheAllowedOnes() {
    YamlMap fields = parse("---\nname: x\ncolour: blue\nsize: 3\n---\n").fields();

    InvalidDocumentException e =
        catchThrowableOfType(
            InvalidDocumentException.class, () -> fields.allowOnly(Set.of("name", "description")));

    List<Problem> problems = e.problems();
    assertThat(problems).hasSize(2);
    assertAt(problems.get(0), 3, 1);
    assertThat(problems.get(0).message())
        .isEqualTo("unknown key 'colour'; expected one of [description, name]");
    assertAt(problems.get(1), 4, 1);
    assertThat(problems.get(1).message()).startsWith("unknown key 'size'");
  }

  @Test
  void aChoiceOutsideTheAllowedValuesListsThem() {
    YamlMap fields = parse("---\nkind: robott\n---\n").fields();

    Problem p = onlyProblem(() -> fields.choice("kind", List.of("robot", "specialist")));

    assertAt(p, 2, 7);
    assertThat(p.message())
        .isEqualTo("field 'kind' must be one of [robot, specialist], got 'robott'");
  }

  @Test
  void aListItemOfTheWrongTypePointsAtTheItem() {
    YamlMap fields = parse("---\nskills:\n  - a\n  - {b: c}\n---\n").fields();

    Problem p = onlyProblem(() -> fields.stringList("skills"));

    assertAt(p, 4, 5);
    assertThat(p.message()).isEqualTo("items of 'skills' must be strings, found a mapping");
  }

  @Test
  void frontmatterThatIsNotAMappingIsRefused() {
    Problem p = onlyProblem(() -> parse("---\n- a\n- b\n---\n"));

    assertAt(p, 2, 1);
    assertThat(p.message()).isEqualTo("expected a mapping of keys to values, found a list");
  }

  @Test
  void theExceptionMessageListsEveryProblemWithItsLocation() {
    InvalidDocumentException e =
        catchThrowableOfType(
            InvalidDocumentException.class,
            () -> parse("---\nname: a\ndescription: d\nname: b\n---\n"));

    assertThat(e.getMessage()).isEqualTo(SOURCE + ":4:1: duplicate key 'name'");
  }

  private static MarkdownDocument parse(String text) {
    return MarkdownDocument.parse(SOURCE, utf8(text));
  }

  private static Problem onlyProblem(ThrowingCallable call) {
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class, call);
    assertThat(e).as("the input is refused").isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  private static void assertAt(Problem p, int line, int column) {
    assertThat(p.where()).isEqualTo(new SourceLocation(SOURCE, line, column));
  }
}
