package dev.llmos.kernel.document;

import java.util.List;

/**
 * A parsed YAML value and where it stands. Documents keep these instead of the parser's own nodes,
 * whose position marks hold on to the parser's whole input buffer.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

  /** Where the node stands in the YAML text. */
  Span span();

  /**
   * A position range in the YAML text.
   *
   * @param line 0-based line of the node's first character
   * @param column 0-based column of the node's first character
   * @param start index of the first character
   * @param contentEnd index just after the node's last character of content (for block collections,
   *     the end of the last item, not the start of what follows)
   */
  record Span(int line, int column, int start, int contentEnd) {}

  /** What a scalar resolved to under the YAML 1.2 core schema. */
  enum Kind {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  record Scalar(String value, Kind kind, Span span) implements YamlNode {}

  record Entry(Scalar key, YamlNode value) {}

  record Mapping(List<Entry> entries, Span span) implements YamlNode {}

  record Sequence(List<YamlNode> items, Span span) implements YamlNode {}
}
