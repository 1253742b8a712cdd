package dev.llmos.app.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool the server offers: its name, what it does, its arguments and what answers a call.
 *
 * @param handler answers a call with a JSON object (maps, lists, strings, numbers)
 */
record Tool(String name, String description, List<Param> params, Handler handler) {

  /** What runs when the tool is called, with arguments already checked. */
  @FunctionalInterface
  interface Handler {
    Map<String, Object> call(Arguments args) throws Exception;
  }

  Tool {
    params = List.copyOf(params);
  }

  /** The tool's input schema: an object with these properties, the required ones, no others. */
  Map<String, Object> inputSchema() {
    Map<String, Object> properties = new LinkedHashMap<>();
    params.forEach(p -> properties.put(p.name(), p.schema()));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", params.stream().filter(Param::required).map(Param::name).toList());
    schema.put("additionalProperties", false);
    return schema;
  }

  /** Checks the arguments and calls the handler. */
  Map<String, Object> call(Map<String, Object> arguments) throws Exception {
    return handler.call(Arguments.check(params, arguments));
  }
}
