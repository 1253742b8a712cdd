package dev.llmos.kernel.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The one YAML reader and writer of the kernel. YAML 1.2 core schema (so {@code no} stays a
 * string), no aliases bombs, no object construction: documents are composed into nodes that keep
 * their positions, which is what lets every error name its line and column.
 */
public final class Yaml {
  private static final int MAX_ALIASES = 50;

  /** Shared: building the core schema compiles its resolvers, which costs more than a parse. */
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setAllowDuplicateKeys(false)
          .setMaxAliasesForCollections(MAX_ALIASES)
          .setAllowRecursiveKeys(false)
          .build();

  private Yaml() {}

  /**
   * Parses a YAML mapping.
   *
   * @param source the name used in errors (usually a file)
   * @param text the YAML text
   * @param firstLine the 1-based line of the source on which {@code text} starts
   */
  public static YamlMap parseMapping(String source, String text, int firstLine) {
    Optional<Node> root;
    try {
      root = new Compose(SETTINGS).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark();
      SourceLocation where =
          mark.map(m -> new SourceLocation(source, m.getLine() + firstLine, m.getColumn() + 1))
              .orElse(SourceLocation.of(source, firstLine));
      String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      throw new InvalidDocumentException(where, "malformed YAML: " + problem + context);
    } catch (YamlEngineException e) {
      throw new InvalidDocumentException(
          SourceLocation.of(source, firstLine), "malformed YAML: " + e.getMessage());
    }
    if (root.isEmpty()) {
      return YamlMap.empty(source, firstLine);
    }
    YamlNode node = new Converter(source, text, firstLine).convert(root.get());
    if (!(node instanceof YamlNode.Mapping mapping)) {
      throw new InvalidDocumentException(
          YamlMap.locate(source, node, firstLine),
          "expected a mapping of keys to values, found " + YamlMap.describe(node));
    }
    return new YamlMap(source, mapping, firstLine);
  }

  /** Copies the parser's nodes into position-keeping values that do not hold its buffers. */
  private static final class Converter {
    private final String source;
    private final String text;
    private final int firstLine;
    private final boolean oneCharPerCodePoint;
    private final Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());

    Converter(String source, String text, int firstLine) {
      this.source = source;
      this.text = text;
      this.firstLine = firstLine;
      this.oneCharPerCodePoint = text.codePointCount(0, text.length()) == text.length();
    }

    YamlNode convert(Node node) {
      if (!path.add(node)) {
        throw new InvalidDocumentException(
            where(node), "malformed YAML: an alias refers to a node that contains it");
      }
      try {
        int start = index(node.getStartMark());
        int end = index(node.getEndMark());
        Mark mark = node.getStartMark().orElseThrow();
        if (node instanceof MappingNode mapping) {
          List<YamlNode.Entry> entries = new ArrayList<>(mapping.getValue().size());
          for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
              throw new InvalidDocumentException(
                  where(tuple.getKeyNode()), "expected a plain key, found a mapping or a list");
            }
            entries.add(
                new YamlNode.Entry((YamlNode.Scalar) convert(key), convert(tuple.getValueNode())));
          }
          int contentEnd =
              entries.isEmpty() || isFlow(start)
                  ? end
                  : entries.get(entries.size() - 1).value().span().contentEnd();
          return new YamlNode.Mapping(List.copyOf(entries), span(mark, start, contentEnd));
        }
        if (node instanceof SequenceNode sequence) {
          List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
          for (Node item : sequence.getValue()) {
            items.add(convert(item));
          }
          // A block collection ends where the next token starts; its content ends with its last
          // item.
          int contentEnd =
              items.isEmpty() || isFlow(start)
                  ? end
                  : items.get(items.size() - 1).span().contentEnd();
          return new YamlNode.Sequence(List.copyOf(items), span(mark, start, contentEnd));
        }
        ScalarNode scalar = (ScalarNode) node;
        return new YamlNode.Scalar(
            scalar.getValue(), kind(scalar.getTag()), span(mark, start, end));
      } finally {
        path.remove(node);
      }
    }

    private static YamlNode.Span span(Mark mark, int start, int contentEnd) {
      return new YamlNode.Span(mark.getLine(), mark.getColumn(), start, contentEnd);
    }

    private boolean isFlow(int start) {
      return start < text.length() && (text.charAt(start) == '[' || text.charAt(start) == '{');
    }

    private int index(Optional<Mark> mark) {
      int codePoints = mark.map(Mark::getIndex).orElse(text.length());
      if (oneCharPerCodePoint) {
        return Math.min(codePoints, text.length());
      }
      int total = text.codePointCount(0, text.length());
      return text.offsetByCodePoints(0, Math.min(codePoints, total));
    }

    private SourceLocation where(Node node) {
      return node.getStartMark()
          .map(m -> new SourceLocation(source, m.getLine() + firstLine, m.getColumn() + 1))
          .orElse(SourceLocation.of(source, firstLine));
    }

    private static YamlNode.Kind kind(Tag tag) {
      if (Tag.INT.equals(tag)) {
        return YamlNode.Kind.INT;
      }
      if (Tag.FLOAT.equals(tag)) {
        return YamlNode.Kind.FLOAT;
      }
      if (Tag.BOOL.equals(tag)) {
        return YamlNode.Kind.BOOL;
      }
      if (Tag.NULL.equals(tag)) {
        return YamlNode.Kind.NULL;
      }
      return YamlNode.Kind.STRING;
    }
  }

  /** Writes a mapping in block style, keys in the map's own order. */
  public static String dump(Map<String, ?> fields) {
    if (fields.isEmpty()) {
      return "";
    }
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(0)
            .setWidth(100)
            .setSplitLines(false)
            .build();
    return new Dump(settings).dumpToString(fields);
  }
}
