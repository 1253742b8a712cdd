package dev.llmos.kernel.document;

import dev.llmos.kernel.document.YamlNode.Entry;
import dev.llmos.kernel.document.YamlNode.Kind;
import dev.llmos.kernel.document.YamlNode.Mapping;
import dev.llmos.kernel.document.YamlNode.Scalar;
import dev.llmos.kernel.document.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML mapping that remembers where each key and value stands, with typed reads whose refusals
 * name the field, its line and column, and what was expected.
 */
public final class YamlMap {
  private final String source;
  private final int firstLine;
  private final YamlNode node;
  private final Map<String, Entry> entries;

  YamlMap(String source, Mapping node, int firstLine) {
    this.source = source;
    this.firstLine = firstLine;
    this.node = node;
    Map<String, Entry> map = new LinkedHashMap<>();
    for (Entry entry : node.entries()) {
      String name = entry.key().value();
      if (map.putIfAbsent(name, entry) != null) {
        throw new InvalidDocumentException(
            locate(source, entry.key(), firstLine), "duplicate key '" + name + "'");
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
    Entry t = entries.get(key);
    return t == null ? location() : locate(source, t.key(), firstLine);
  }

  /** Where a key's value stands, or where the mapping starts if the key is absent. */
  public SourceLocation valueLocationOf(String key) {
    Entry t = entries.get(key);
    return t == null ? location() : locate(source, t.value(), firstLine);
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
    if (!has(key) || isNull(entries.get(key).value())) {
      throw new InvalidDocumentException(location(), "missing required field '" + key + "'");
    }
  }

  public String string(String key) {
    require(key);
    return scalarString(key, entries.get(key).value());
  }

  public Optional<String> optionalString(String key) {
    return present(key) ? Optional.of(string(key)) : Optional.empty();
  }

  public int integer(String key, int min, int max) {
    require(key);
    YamlNode value = entries.get(key).value();
    String expected = "an integer from " + min + " to " + max;
    if (!isKind(value, Kind.INT)) {
      throw wrong(key, value, expected);
    }
    long parsed;
    try {
      parsed = parseInteger(((Scalar) value).value());
    } catch (NumberFormatException e) {
      throw wrong(key, value, expected);
    }
    if (parsed < min || parsed > max) {
      throw wrong(key, value, expected);
    }
    return (int) parsed;
  }

  public double number(String key, double min, double max) {
    require(key);
    YamlNode value = entries.get(key).value();
    String expected = "a number from " + plain(min) + " to " + plain(max);
    if (!isKind(value, Kind.INT) && !isKind(value, Kind.FLOAT)) {
      throw wrong(key, value, expected);
    }
    double parsed;
    try {
      String text = ((Scalar) value).value();
      parsed = isKind(value, Kind.INT) ? parseInteger(text) : Double.parseDouble(text);
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
    YamlNode value = entries.get(key).value();
    if (!isKind(value, Kind.BOOL)) {
      throw wrong(key, value, "true or false");
    }
    return Boolean.parseBoolean(((Scalar) value).value().toLowerCase(Locale.ROOT));
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
    YamlNode value = entries.get(key).value();
    if (!(value instanceof Mapping mapping)) {
      throw wrong(key, value, "a mapping of keys to values");
    }
    return new YamlMap(source, mapping, firstLine);
  }

  /** A list of strings; an absent key reads as the empty list. */
  public List<String> stringList(String key) {
    if (!present(key)) {
      return List.of();
    }
    YamlNode value = entries.get(key).value();
    if (!(value instanceof Sequence sequence)) {
      throw wrong(key, value, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      if (!(item instanceof Scalar scalar) || isNull(item)) {
        throw new InvalidDocumentException(
            locate(source, item, firstLine),
            "items of '" + key + "' must be strings, found " + describe(item));
      }
      out.add(scalar.value());
    }
    return List.copyOf(out);
  }

  /** Where the item at {@code index} of a list stands, or where the key stands. */
  public SourceLocation itemLocationOf(String key, int index) {
    Entry t = entries.get(key);
    if (t != null && t.value() instanceof Sequence sequence) {
      List<YamlNode> items = sequence.items();
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
    YamlNode value = entries.get(key).value();
    if (!(value instanceof Sequence sequence)) {
      throw wrong(key, value, "a list of mappings");
    }
    List<YamlMap> out = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      if (!(item instanceof Mapping mapping)) {
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
    entries.forEach((k, t) -> out.put(k, javaValue(t.value())));
    return out;
  }

  /** The node of a top-level entry, for editors that keep the text around it. */
  Optional<Entry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  private boolean present(String key) {
    return has(key) && !isNull(entries.get(key).value());
  }

  private String scalarString(String key, YamlNode value) {
    if (!(value instanceof Scalar scalar) || scalar.kind() != Kind.STRING) {
      throw wrong(key, value, "a string");
    }
    return scalar.value();
  }

  private InvalidDocumentException wrong(String key, YamlNode value, String expected) {
    return new InvalidDocumentException(
        locate(source, value, firstLine),
        "field '" + key + "' must be " + expected + ", got " + describe(value));
  }

  private static Object javaValue(YamlNode node) {
    if (node instanceof Mapping mapping) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Entry e : mapping.entries()) {
        out.put(e.key().value(), javaValue(e.value()));
      }
      return out;
    }
    if (node instanceof Sequence sequence) {
      List<Object> out = new ArrayList<>();
      for (YamlNode item : sequence.items()) {
        out.add(javaValue(item));
      }
      return out;
    }
    Scalar scalar = (Scalar) node;
    String text = scalar.value();
    try {
      return switch (scalar.kind()) {
        case NULL -> null;
        case BOOL -> Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        case INT -> parseInteger(text);
        case FLOAT -> Double.parseDouble(text);
        case STRING -> text;
      };
    } catch (NumberFormatException e) {
      return text;
    }
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

  private static boolean isKind(YamlNode node, Kind kind) {
    return node instanceof Scalar scalar && scalar.kind() == kind;
  }

  private static boolean isNull(YamlNode node) {
    return isKind(node, Kind.NULL);
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  static String describe(YamlNode node) {
    if (node instanceof Mapping) {
      return "a mapping";
    }
    if (node instanceof Sequence) {
      return "a list";
    }
    Scalar scalar = (Scalar) node;
    String value = scalar.value();
    String kind =
        switch (scalar.kind()) {
          case NULL -> "";
          case INT, FLOAT -> "number";
          case BOOL -> "boolean";
          case STRING -> "text";
        };
    if (kind.isEmpty()) {
      return "nothing (null)";
    }
    return kind + " '" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
  }

  static SourceLocation locate(String source, YamlNode node, int firstLine) {
    return new SourceLocation(source, node.span().line() + firstLine, node.span().column() + 1);
  }
}
