package dev.llmos.kernel.document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML mapping that remembers where each key and value stands, with typed reads whose refusals
 * name the field, its line and column, and what was expected.
 */
public final class YamlMap {
  private final String source;
  private final int firstLine;
  private final Node node;
  private final Map<String, NodeTuple> entries;

  YamlMap(String source, MappingNode node, int firstLine) {
    this.source = source;
    this.firstLine = firstLine;
    this.node = node;
    Map<String, NodeTuple> map = new LinkedHashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      Node key = tuple.getKeyNode();
      if (!(key instanceof ScalarNode scalarKey)) {
        throw new InvalidDocumentException(
            locate(source, key, firstLine), "expected a plain key, found " + describe(key));
      }
      String name = scalarKey.getValue();
      if (map.putIfAbsent(name, tuple) != null) {
        throw new InvalidDocumentException(
            locate(source, key, firstLine), "duplicate key '" + name + "'");
      }
    }
    this.entries = map;
  }

  private YamlMap(String source, int firstLine) {
    this.source = source;
    this.firstLine = firstLine;
    this.node = null;
    this.entries = Map.of();
  }

  static YamlMap empty(String source, int firstLine) {
    return new YamlMap(source, firstLine);
  }

  public String source() {
    return source;
  }

  /** Keys in document order. */
  public Set<String> keys() {
    return entries.keySet();
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Where the mapping starts. */
  public SourceLocation location() {
    return node == null ? SourceLocation.of(source, firstLine) : locate(source, node, firstLine);
  }

  /** Where a key stands, or where the mapping starts if the key is absent. */
  public SourceLocation locationOf(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? location() : locate(source, t.getKeyNode(), firstLine);
  }

  /** Where a key's value stands, or where the mapping starts if the key is absent. */
  public SourceLocation valueLocationOf(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? location() : locate(source, t.getValueNode(), firstLine);
  }

  /** Refuses any key outside {@code allowed}, naming the key and what is allowed. */
  public void allowOnly(Collection<String> allowed) {
    List<Problem> problems = new ArrayList<>();
    for (String key : entries.keySet()) {
      if (!allowed.contains(key)) {
        problems.add(
            new Problem(
                locationOf(key),
                "unknown key '" + key + "'; expected one of " + new TreeSet<>(allowed)));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
  }

  /** Refuses the mapping if {@code key} is missing. */
  public void require(String key) {
    if (!has(key) || isNull(entries.get(key).getValueNode())) {
      throw new InvalidDocumentException(location(), "missing required field '" + key + "'");
    }
  }

  public String string(String key) {
    require(key);
    return scalarString(key, entries.get(key).getValueNode());
  }

  public Optional<String> optionalString(String key) {
    return present(key) ? Optional.of(string(key)) : Optional.empty();
  }

  public int integer(String key, int min, int max) {
    require(key);
    Node value = entries.get(key).getValueNode();
    String expected = "an integer from " + min + " to " + max;
    if (!isTag(value, Tag.INT)) {
      throw wrong(key, value, expected);
    }
    long parsed;
    try {
      parsed = parseInteger(((ScalarNode) value).getValue());
    } catch (NumberFormatException e) {
      throw wrong(key, value, expected);
    }
    if (parsed < min || parsed > max) {
      throw wrong(key, value, expected);
    }
    return (int) parsed;
  }

  public Optional<Integer> optionalInteger(String key, int min, int max) {
    return present(key) ? Optional.of(integer(key, min, max)) : Optional.empty();
  }

  public double number(String key, double min, double max) {
    require(key);
    Node value = entries.get(key).getValueNode();
    String expected = "a number from " + plain(min) + " to " + plain(max);
    if (!isTag(value, Tag.INT) && !isTag(value, Tag.FLOAT)) {
      throw wrong(key, value, expected);
    }
    double parsed;
    try {
      String text = ((ScalarNode) value).getValue();
      parsed = isTag(value, Tag.INT) ? parseInteger(text) : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw wrong(key, value, expected);
    }
    if (!Double.isFinite(parsed) || parsed < min || parsed > max) {
      throw wrong(key, value, expected);
    }
    return parsed;
  }

  public Optional<Double> optionalNumber(String key, double min, double max) {
    return present(key) ? Optional.of(number(key, min, max)) : Optional.empty();
  }

  public boolean bool(String key) {
    require(key);
    Node value = entries.get(key).getValueNode();
    if (!isTag(value, Tag.BOOL)) {
      throw wrong(key, value, "true or false");
    }
    return Boolean.parseBoolean(((ScalarNode) value).getValue().toLowerCase(Locale.ROOT));
  }

  public Optional<Boolean> optionalBool(String key) {
    return present(key) ? Optional.of(bool(key)) : Optional.empty();
  }

  /** A string that must be one of {@code choices}. */
  public String choice(String key, Collection<String> choices) {
    String value = string(key);
    if (!choices.contains(value)) {
      throw new InvalidDocumentException(
          valueLocationOf(key),
          "field '" + key + "' must be one of " + choices + ", got '" + value + "'");
    }
    return value;
  }

  public YamlMap map(String key) {
    require(key);
    Node value = entries.get(key).getValueNode();
    if (!(value instanceof MappingNode mapping)) {
      throw wrong(key, value, "a mapping of keys to values");
    }
    return new YamlMap(source, mapping, firstLine);
  }

  public Optional<YamlMap> optionalMap(String key) {
    return present(key) ? Optional.of(map(key)) : Optional.empty();
  }

  /** A list of strings; an absent key reads as the empty list. */
  public List<String> stringList(String key) {
    if (!present(key)) {
      return List.of();
    }
    Node value = entries.get(key).getValueNode();
    if (!(value instanceof SequenceNode sequence)) {
      throw wrong(key, value, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      if (!(item instanceof ScalarNode scalar) || isNull(item)) {
        throw new InvalidDocumentException(
            locate(source, item, firstLine),
            "items of '" + key + "' must be strings, found " + describe(item));
      }
      out.add(scalar.getValue());
    }
    return List.copyOf(out);
  }

  /** Where the item at {@code index} of a list stands, or where the key stands. */
  public SourceLocation itemLocationOf(String key, int index) {
    NodeTuple t = entries.get(key);
    if (t != null && t.getValueNode() instanceof SequenceNode) {
      List<Node> items = ((SequenceNode) t.getValueNode()).getValue();
      if (index >= 0 && index < items.size()) {
        return locate(source, items.get(index), firstLine);
      }
    }
    return locationOf(key);
  }

  /** A list of mappings; an absent key reads as the empty list. */
  public List<YamlMap> mapList(String key) {
    if (!present(key)) {
      return List.of();
    }
    Node value = entries.get(key).getValueNode();
    if (!(value instanceof SequenceNode sequence)) {
      throw wrong(key, value, "a list of mappings");
    }
    List<YamlMap> out = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      if (!(item instanceof MappingNode mapping)) {
        throw new InvalidDocumentException(
            locate(source, item, firstLine),
            "items of '" + key + "' must be mappings, found " + describe(item));
      }
      out.add(new YamlMap(source, mapping, firstLine));
    }
    return List.copyOf(out);
  }

  /** A mapping of names to numbers; an absent key reads as the empty map. */
  public Map<String, Double> numberMap(String key) {
    if (!present(key)) {
      return Map.of();
    }
    YamlMap inner = map(key);
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : inner.keys()) {
      out.put(name, inner.number(name, -Double.MAX_VALUE, Double.MAX_VALUE));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A mapping of names to strings; an absent key reads as the empty map. */
  public Map<String, String> stringMap(String key) {
    if (!present(key)) {
      return Map.of();
    }
    YamlMap inner = map(key);
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : inner.keys()) {
      out.put(name, inner.string(name));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The whole mapping as plain Java values (maps, lists, strings, numbers, booleans, nulls). */
  public Map<String, Object> toJava() {
    Map<String, Object> out = new LinkedHashMap<>();
    entries.forEach((k, t) -> out.put(k, javaValue(t.getValueNode())));
    return out;
  }

  /** The node of a top-level entry, for editors that keep the text around it. */
  Optional<NodeTuple> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  private boolean present(String key) {
    return has(key) && !isNull(entries.get(key).getValueNode());
  }

  private String scalarString(String key, Node value) {
    if (!(value instanceof ScalarNode scalar) || !isTag(value, Tag.STR)) {
      throw wrong(key, value, "a string");
    }
    return scalar.getValue();
  }

  private InvalidDocumentException wrong(String key, Node value, String expected) {
    return new InvalidDocumentException(
        locate(source, value, firstLine),
        "field '" + key + "' must be " + expected + ", got " + describe(value));
  }

  private static Object javaValue(Node node) {
    if (node instanceof MappingNode mapping) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : mapping.getValue()) {
        out.put(((ScalarNode) t.getKeyNode()).getValue(), javaValue(t.getValueNode()));
      }
      return out;
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> out = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        out.add(javaValue(item));
      }
      return out;
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = scalar.getValue();
    if (isTag(node, Tag.NULL)) {
      return null;
    }
    if (isTag(node, Tag.BOOL)) {
      return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
    }
    if (isTag(node, Tag.INT)) {
      try {
        return parseInteger(text);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (isTag(node, Tag.FLOAT)) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return text;
  }

  private static long parseInteger(String text) {
    String t = text.replace("_", "");
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return Long.parseLong(t.substring(2), 16);
    }
    if (t.startsWith("0o")) {
      return Long.parseLong(t.substring(2), 8);
    }
    return Long.parseLong(t);
  }

  private static boolean isTag(Node node, Tag tag) {
    return node instanceof ScalarNode && tag.equals(node.getTag());
  }

  private static boolean isNull(Node node) {
    return isTag(node, Tag.NULL);
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing (null)";
    }
    String value = ((ScalarNode) node).getValue();
    String kind =
        isTag(node, Tag.INT) || isTag(node, Tag.FLOAT)
            ? "number"
            : isTag(node, Tag.BOOL) ? "boolean" : "text";
    return kind + " '" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
  }

  static SourceLocation locate(String source, Node node, int firstLine) {
    return node.getStartMark()
        .map(m -> new SourceLocation(source, m.getLine() + firstLine, m.getColumn() + 1))
        .orElse(SourceLocation.of(source, firstLine));
  }
}
