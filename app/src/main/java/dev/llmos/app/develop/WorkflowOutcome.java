package dev.llmos.app.develop;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a SystemAgent run ended and what it did.
 *
 * @param finalText the model's last text: its report when it finished
 * @param stopReason the model's last stop reason
 * @param plan the plan the workflow accepted ({@code submit_plan}), if one was
 */
public record WorkflowOutcome(
    Ending ending,
    String finalText,
    String stopReason,
    List<WrittenAgent> written,
    int turns,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    Optional<Plan> plan) {
  /** Why the loop stopped. */
  public enum Ending {
    /** The model ended its turn without calling a tool. */
    FINISHED,
    /** The kernel's {@code orchestration.max_iterations} model turns were used. */
    ITERATION_BOUND,
    /** The kernel's {@code orchestration.max_tool_calls} tool calls were used. */
    TOOL_CALL_BOUND
  }

  public WorkflowOutcome {
    Objects.requireNonNull(ending, "ending");
    Objects.requireNonNull(finalText, "finalText");
    Objects.requireNonNull(stopReason, "stopReason");
    written = List.copyOf(written);
    Objects.requireNonNull(plan, "plan");
  }

  /** One paragraph for the person: how it ended, what was written, what it cost. */
  public String summary() {
    String how =
        switch (ending) {
          case FINISHED -> "The SystemAgent finished";
          case ITERATION_BOUND ->
              "Stopped: the kernel's bound of "
                  + turns
                  + " model turns (orchestration.max_iterations) was reached";
          case TOOL_CALL_BOUND ->
              "Stopped: the kernel's bound of "
                  + toolCalls
                  + " tool calls (orchestration.max_tool_calls) was reached";
        };
    String agents =
        written.isEmpty()
            ? "no agent was written"
            : "wrote " + String.join(", ", written.stream().map(WrittenAgent::toString).toList());
    return how
        + "; "
        + agents
        + "; "
        + plan.map(p -> "plan accepted: " + p).orElse("no plan was accepted")
        + ". "
        + turns
        + " turns, "
        + toolCalls
        + " tool calls, "
        + inputTokens
        + " input and "
        + outputTokens
        + " output tokens.";
  }
}
