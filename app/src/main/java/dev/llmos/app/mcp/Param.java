package dev.llmos.app.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One argument of a tool: its JSON type, what it means and the values it may take. The same
 * declaration gives the tool's input schema and checks what a client sends, so they cannot differ.
 *
 * @param choices the allowed values of a string, or empty for any
 * @param choiceHint said after a value outside the choices (why the others are not allowed)
 * @param min the smallest number allowed, inclusive
 * @param max the largest number allowed, inclusive
 * @param defaultValue what an optional argument is when left out, if anything
 */
record Param(
    String name,
    Type type,
    String description,
    boolean required,
    List<String> choices,
    String choiceHint,
    double min,
    double max,
    Optional<Object> defaultValue) {

  /** The JSON types tools take. */
  enum Type {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number");

    private final String json;

    Type(String json) {
      this.json = json;
    }

    String json() {
      return json;
    }
  }

  Param {
    choices = List.copyOf(choices);
  }

  /** A required string. */
  static Param string(String name, String description) {
    return new Param(
        name,
        Type.STRING,
        description,
        true,
        List.of(),
        "",
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        Optional.empty());
  }

  /** A required integer within [min, max]. */
  static Param integer(String name, String description, long min, long max) {
    return new Param(
        name, Type.INTEGER, description, true, List.of(), "", min, max, Optional.empty());
  }

  /** A required number within [min, max]. */
  static Param number(String name, String description, double min, double max) {
    return new Param(
        name, Type.NUMBER, description, true, List.of(), "", min, max, Optional.empty());
  }

  /** The same argument, optional. */
  Param optional() {
    return new Param(
        name, type, description, false, choices, choiceHint, min, max, Optional.empty());
  }

  /** The same argument, optional, with this value when left out. */
  Param orElse(Object value) {
    return new Param(
        name, type, description, false, choices, choiceHint, min, max, Optional.of(value));
  }

  /** The same string argument, limited to these values. */
  Param oneOf(List<String> values, String hint) {
    return new Param(name, type, description, required, values, hint, min, max, defaultValue);
  }

  /** This argument's JSON schema. */
  Map<String, Object> schema() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", type.json());
    s.put("description", description);
    if (!choices.isEmpty()) {
      s.put("enum", choices);
    }
    if (type != Type.STRING) {
      if (Double.isFinite(min)) {
        s.put("minimum", type == Type.INTEGER ? (Object) (long) min : (Object) min);
      }
      if (Double.isFinite(max)) {
        s.put("maximum", type == Type.INTEGER ? (Object) (long) max : (Object) max);
      }
    }
    defaultValue.ifPresent(v -> s.put("default", v));
    return s;
  }
}
