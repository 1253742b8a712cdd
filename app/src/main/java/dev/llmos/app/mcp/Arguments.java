package dev.llmos.app.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tool call's arguments, checked against the tool's parameters: every problem is a {@link
 * ToolError} that names the argument, so a client learns what to fix instead of seeing a crash.
 */
final class Arguments {
  private final Map<String, Object> values;

  private Arguments(Map<String, Object> values) {
    this.values = values;
  }

  /** Checks the arguments a client sent (null when it sent none) and fills in defaults. */
  static Arguments check(List<Param> params, Map<String, Object> sent) {
    Map<String, Object> given = sent == null ? Map.of() : sent;
    Map<String, Param> byName = new LinkedHashMap<>();
    params.forEach(p -> byName.put(p.name(), p));
    for (String key : given.keySet()) {
      if (!byName.containsKey(key)) {
        throw new ToolError(
            "unknown argument '"
                + key
                + "'; "
                + (params.isEmpty()
                    ? "this tool takes none"
                    : "this tool takes: "
                        + params.stream().map(Param::name).collect(Collectors.joining(", "))));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : params) {
      Object v = given.get(p.name());
      if (v == null) {
        if (p.required()) {
          throw new ToolError(
              "missing required argument '"
                  + p.name()
                  + "' ("
                  + p.type().json()
                  + "): "
                  + p.description());
        }
        p.defaultValue().ifPresent(d -> values.put(p.name(), d));
        continue;
      }
      values.put(p.name(), checked(p, v));
    }
    return new Arguments(values);
  }

  private static Object checked(Param p, Object v) {
    if (p.type() == Param.Type.STRING) {
      if (!(v instanceof String s)) {
        throw wrongType(p, v);
      }
      if (s.isBlank()) {
        throw new ToolError("argument '" + p.name() + "' must not be empty");
      }
      if (!p.choices().isEmpty() && !p.choices().contains(s)) {
        throw new ToolError(
            "argument '"
                + p.name()
                + "' must be one of "
                + String.join(", ", p.choices())
                + ", got '"
                + s
                + "'"
                + (p.choiceHint().isEmpty() ? "" : "; " + p.choiceHint()));
      }
      return s;
    }
    if (p.type() == Param.Type.INTEGER) {
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw wrongType(p, v);
      }
      return inRange(p, n.doubleValue()).longValue();
    }
    if (!(v instanceof Number n)) {
      throw wrongType(p, v);
    }
    return inRange(p, n.doubleValue());
  }

  private static Double inRange(Param p, double d) {
    if (!(d >= p.min()) || !(d <= p.max())) {
      throw new ToolError(
          "argument '"
              + p.name()
              + "' must be within ["
              + format(p.min())
              + ", "
              + format(p.max())
              + "], got "
              + format(d));
    }
    return d;
  }

  private static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static ToolError wrongType(Param p, Object v) {
    String got =
        v instanceof String
            ? "a string"
            : v instanceof Boolean
                ? "a boolean"
                : v instanceof Number
                    ? "the number " + v
                    : v instanceof List ? "an array" : "an object";
    return new ToolError(
        "argument '" + p.name() + "' must be " + article(p.type()) + ", got " + got);
  }

  private static String article(Param.Type type) {
    return type == Param.Type.INTEGER ? "an integer" : "a " + type.json();
  }

  /** A string argument that is required or has a default. */
  String string(String name) {
    return optionalString(name).orElseThrow(() -> new IllegalStateException(name + " unchecked"));
  }

  Optional<String> optionalString(String name) {
    return Optional.ofNullable((String) values.get(name));
  }

  /** An integer argument that is required or has a default. */
  long integer(String name) {
    return ((Number) require(name)).longValue();
  }

  Optional<Long> optionalInteger(String name) {
    return Optional.ofNullable((Number) values.get(name)).map(Number::longValue);
  }

  /** A number argument that is required or has a default. */
  double number(String name) {
    return ((Number) require(name)).doubleValue();
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalStateException(name + " is neither required nor defaulted");
    }
    return v;
  }
}
