package dev.llmos.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolTest {
  private final Tool tool =
      new Tool(
          "demo",
          "A tool for the test.",
          List.of(
              Param.string("name", "A name."),
              Param.string("volume", "Where.")
                  .oneOf(List.of("user", "team"), "not system")
                  .orElse("user"),
              Param.number("duration_s", "How long.", 1, 600).orElse(60.0),
              Param.integer("seed", "Seed.", 0, 100).optional()),
          args ->
              Map.of(
                  "name", args.string("name"),
                  "volume", args.string("volume"),
                  "duration_s", args.number("duration_s"),
                  "seed", args.optionalInteger("seed").orElse(-1L)));

  @Test
  void schemaSaysTypesRequiredAndLimits() {
    Map<String, Object> schema = tool.inputSchema();
    assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("name"));
    assertThat(schema.get("properties").toString())
        .contains("duration_s={type=number", "minimum=1.0", "maximum=600.0", "enum=[user, team]")
        .contains("seed={type=integer", "minimum=0", "maximum=100");
  }

  @Test
  void defaultsFillInAndIntegersMayComeAsWholeDoubles() throws Exception {
    assertThat(tool.call(Map.of("name", "a", "seed", 3.0)))
        .containsEntry("volume", "user")
        .containsEntry("duration_s", 60.0)
        .containsEntry("seed", 3L);
  }

  @Test
  void eachProblemNamesTheArgument() {
    assertThatThrownBy(() -> tool.call(Map.of()))
        .isInstanceOf(ToolError.class)
        .hasMessageContaining("missing required argument 'name' (string)");
    assertThatThrownBy(() -> tool.call(Map.of("name", 7)))
        .hasMessageContaining("argument 'name' must be a string, got the number 7");
    assertThatThrownBy(() -> tool.call(Map.of("name", "a", "volume", "system")))
        .hasMessageContaining("'volume' must be one of user, team, got 'system'; not system");
    assertThatThrownBy(() -> tool.call(Map.of("name", "a", "duration_s", 601)))
        .hasMessageContaining("'duration_s' must be within [1, 600], got 601");
    assertThatThrownBy(() -> tool.call(Map.of("name", "a", "seed", 1.5)))
        .hasMessageContaining("'seed' must be an integer, got the number 1.5");
    assertThatThrownBy(() -> tool.call(Map.of("name", "a", "extra", 1)))
        .hasMessageContaining("unknown argument 'extra'; this tool takes: name, volume");
    assertThatThrownBy(() -> tool.call(Map.of("name", " ")))
        .hasMessageContaining("argument 'name' must not be empty");
  }
}
