package dev.llmos.kernel.document;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * A markdown file with YAML frontmatter: the form of every agent, skill, memory and kernel file.
 *
 * <p>The document keeps its text exactly as read, so writing an unchanged document gives back the
 * same bytes. Editing a field rewrites only that field's lines and leaves the rest of the
 * frontmatter (comments, order, quoting) and the body as they were.
 */
public final class MarkdownDocument {
  private static final String DELIMITER = "---";
  private static final Parser MARKDOWN =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private final String source;
  private final String opening;
  private final String frontmatter;
  private final String closing;
  private final String body;
  private final YamlMap fields;

  private MarkdownDocument(
      String source, String opening, String frontmatter, String closing, String body) {
    this.source = source;
    this.opening = opening;
    this.frontmatter = frontmatter;
    this.closing = closing;
    this.body = body;
    this.fields = Yaml.parseMapping(source, frontmatter, 2);
  }

  /**
   * Reads a document from bytes, which must be UTF-8 text.
   *
   * @param source the name used in errors, usually the file's path
   */
  public static MarkdownDocument parse(String source, byte[] bytes) {
    return parse(source, decode(source, bytes));
  }

  public static MarkdownDocument parse(String source, String text) {
    Objects.requireNonNull(source, "source");
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new InvalidDocumentException(
          SourceLocation.of(source, lineOf(text, nul)),
          "contains a NUL character: this is a binary file, not a markdown document");
    }
    String bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
    int firstEnd = lineEnd(text, bom.length());
    String firstLine = stripNewline(text.substring(bom.length(), firstEnd));
    if (!firstLine.equals(DELIMITER)) {
      throw new InvalidDocumentException(
          new SourceLocation(source, 1, 1),
          "expected '---' on the first line to open the YAML frontmatter");
    }
    int start = firstEnd;
    int pos = start;
    while (pos < text.length()) {
      int end = lineEnd(text, pos);
      String line = stripNewline(text.substring(pos, end));
      if (line.equals(DELIMITER) || line.equals("...")) {
        return new MarkdownDocument(
            source,
            text.substring(0, start),
            text.substring(start, pos),
            text.substring(pos, end),
            text.substring(end));
      }
      pos = end;
    }
    throw new InvalidDocumentException(
        SourceLocation.of(source, 1),
        "the YAML frontmatter opened on line 1 is never closed: expected a line '---' after it");
  }

  /** A new document from fields (written in the map's order) and a body. */
  public static MarkdownDocument of(String source, Map<String, ?> fields, String body) {
    String yaml = Yaml.dump(fields);
    return parse(source, DELIMITER + "\n" + yaml + DELIMITER + "\n" + body);
  }

  /** The name errors use, usually the path of the file. */
  public String source() {
    return source;
  }

  /** The document with another source name (for example after a copy); the text is unchanged. */
  public MarkdownDocument withSource(String newSource) {
    return new MarkdownDocument(newSource, opening, frontmatter, closing, body);
  }

  public YamlMap fields() {
    return fields;
  }

  /** The YAML between the delimiters, exactly as written. */
  public String frontmatter() {
    return frontmatter;
  }

  /** The markdown after the closing delimiter, exactly as written. */
  public String body() {
    return body;
  }

  /** The 1-based line of the file on which the body starts. */
  public int bodyFirstLine() {
    return lineOf(text(), opening.length() + frontmatter.length() + closing.length());
  }

  /** The body parsed as CommonMark, with source spans relative to the body. */
  public Node bodyTree() {
    return MARKDOWN.parse(body);
  }

  public String text() {
    return opening + frontmatter + closing + body;
  }

  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The document with one top-level field set. An existing field's lines are replaced in place; a
   * new field is added at the end of the frontmatter. Everything else is kept byte for byte.
   */
  public MarkdownDocument withField(String key, Object value) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(key, value);
    String replacement = Yaml.dump(one);
    String yaml = frontmatter;
    var entry = fields.entry(key);
    String updated;
    if (entry.isPresent()) {
      int from = lineStart(yaml, entry.get().key().span().start());
      int to = lineEndAfter(yaml, entry.get().value().span().contentEnd());
      updated = yaml.substring(0, from) + replacement + yaml.substring(to);
    } else {
      String sep = yaml.isEmpty() || yaml.endsWith("\n") ? "" : "\n";
      updated = yaml + sep + replacement;
    }
    return new MarkdownDocument(source, opening, updated, closing, body);
  }

  /** The document with another body; the frontmatter is kept byte for byte. */
  public MarkdownDocument withBody(String newBody) {
    return new MarkdownDocument(source, opening, frontmatter, closing, newBody);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarkdownDocument other
        && other.source.equals(source)
        && other.text().equals(text());
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, text());
  }

  @Override
  public String toString() {
    return "MarkdownDocument[" + source + "]";
  }

  /** The end of the line holding the character just before {@code end}. */
  private static int lineEndAfter(String yaml, int end) {
    if (end > 0 && yaml.charAt(end - 1) == '\n') {
      return end;
    }
    return lineEnd(yaml, end);
  }

  private static String decode(String source, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      // No replacement character, so every byte sequence was valid UTF-8.
      return text;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes);
      String prefix = new String(bytes, 0, bad, StandardCharsets.UTF_8);
      throw new InvalidDocumentException(
          SourceLocation.of(source, lineOf(prefix, prefix.length())),
          "is not UTF-8 text (invalid byte 0x"
              + String.format("%02x", bytes[bad] & 0xff)
              + " at offset "
              + bad
              + "): markdown documents must be UTF-8");
    }
  }

  /** The offset of the first byte that does not start a valid UTF-8 sequence. */
  private static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never decodes to more chars than it has bytes, so the decoder stops only at an error.
    decoder.decode(in, CharBuffer.allocate(bytes.length), true);
    return Math.min(in.position(), bytes.length - 1);
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl + 1;
  }

  private static int lineStart(String text, int index) {
    int nl = text.lastIndexOf('\n', Math.max(0, index - 1));
    return index == 0 ? 0 : nl + 1;
  }

  private static String stripNewline(String line) {
    String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    l = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    return l.stripTrailing();
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
