package dev.llmos.app.develop;

import java.util.Objects;
import java.util.Optional;

/**
 * What one tool call gave back.
 *
 * @param content the text the model reads
 * @param isError true when the call failed; {@code content} says why
 * @param written the agent the call wrote, if it wrote one
 */
public record ToolOutcome(String content, boolean isError, Optional<WrittenAgent> written) {
  public ToolOutcome {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(written, "written");
  }

  public static ToolOutcome ok(String content) {
    return new ToolOutcome(content, false, Optional.empty());
  }

  public static ToolOutcome error(String content) {
    return new ToolOutcome(content, true, Optional.empty());
  }

  public static ToolOutcome wrote(String content, WrittenAgent agent) {
    return new ToolOutcome(content, false, Optional.of(agent));
  }
}
