package dev.llmos.kernel.document;

import java.util.Map;
import java.util.Optional;
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
    Node node = root.get();
    if (!(node instanceof MappingNode mapping)) {
      throw new InvalidDocumentException(
          YamlMap.locate(source, node, firstLine),
          "expected a mapping of keys to values, found " + YamlMap.describe(node));
    }
    return new YamlMap(source, mapping, firstLine);
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
