package dev.llmos.app.develop;

import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.OrchestrationPolicy;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.llm.anthropic.AssistantReply;
import dev.llmos.llm.anthropic.ContentBlock;
import dev.llmos.llm.anthropic.ConversationTurn;
import dev.llmos.llm.anthropic.DevelopmentModel;
import dev.llmos.llm.anthropic.DevelopmentRequest;
import dev.llmos.llm.anthropic.ToolDefinition;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SystemAgent's tool-use loop on a development model: the shipped {@code system-agent}'s
 * prompt, the person's request, and turn after turn the model's tool calls run through a {@link
 * Toolbox} and their results sent back, until the model ends its turn or a kernel bound ({@code
 * orchestration.max_iterations}, {@code orchestration.max_tool_calls}) is reached.
 */
public final class SystemAgentWorkflow {
  /** The agent whose markdown body is the system prompt. */
  public static final String SYSTEM_AGENT = "system-agent";

  private SystemAgentWorkflow() {}

  /**
   * Runs a request to the end or to a kernel bound. Reaching a bound is an outcome, not an error:
   * what was written by then stays written.
   *
   * @param progress one line per model turn and per agent written
   * @throws dev.llmos.llm.anthropic.DevelopmentModelException when the model cannot be asked
   */
  public static WorkflowOutcome run(
      Workspace workspace,
      String description,
      DevelopmentModel model,
      Toolbox toolbox,
      PrintWriter progress) {
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(
          "say what the robot should do, e.g. \"patrol the room and avoid obstacles\"");
    }
    OrchestrationPolicy bounds = workspace.kernel().orchestration();
    // Only the tools the SystemAgent lists: unattended, it never promotes or writes skills.
    Set<String> listed = Set.copyOf(systemAgent(workspace).tools());
    List<ToolDefinition> tools = new ArrayList<>();
    for (ToolDefinition t : toolbox.tools()) {
      if (listed.contains(t.name())) {
        tools.add(t);
      }
    }
    Set<String> offered = tools.stream().map(ToolDefinition::name).collect(Collectors.toSet());
    tools.add(PlanCheck.definition(bounds));
    String system = systemPrompt(workspace, tools, bounds);
    Optional<Plan> plan = Optional.empty();
    boolean reminded = false;
    List<ConversationTurn> conversation = new ArrayList<>();
    conversation.add(ConversationTurn.user(description.strip()));
    Tally tally = new Tally();
    while (true) {
      if (tally.turns >= bounds.maxIterations()) {
        return tally.end(WorkflowOutcome.Ending.ITERATION_BOUND, plan);
      }
      AssistantReply reply = model.next(new DevelopmentRequest(system, conversation, tools));
      tally.count(reply);
      List<ContentBlock.ToolUse> uses = reply.toolUses();
      progress.printf(
          "turn %d/%d: %s%n",
          tally.turns,
          bounds.maxIterations(),
          uses.isEmpty()
              ? tally.stopReason
              : uses.stream().map(ContentBlock.ToolUse::name).collect(Collectors.joining(", ")));
      progress.flush();
      // Turns alternate, and an empty reply still takes its place (the API refuses empty text).
      conversation.add(
          new ConversationTurn(
              ConversationTurn.Role.ASSISTANT,
              reply.content().isEmpty()
                  ? List.of(new ContentBlock.Text("(no reply)"))
                  : reply.content()));
      boolean ended = !tally.stopReason.equals(AssistantReply.TOOL_USE) || uses.isEmpty();
      boolean remind = ended && plan.isEmpty() && !reminded;
      if (ended && uses.isEmpty() && !remind) {
        return tally.end(WorkflowOutcome.Ending.FINISHED, plan);
      }
      List<ContentBlock> answer = new ArrayList<>();
      if (ended) {
        // A reply cut short (max_tokens) may hold calls: every one is answered before anything
        // else, as the API requires, and none of them is run.
        for (ContentBlock.ToolUse use : uses) {
          answer.add(
              new ContentBlock.ToolResult(
                  use.id(),
                  "not run: the reply was cut off ("
                      + tally.stopReason
                      + ") before the call was complete; send it again",
                  true));
        }
        if (remind) {
          // Done only with an accepted plan: the kernel's orchestration rules are checked there.
          reminded = true;
          answer.add(
              new ContentBlock.Text(
                  "Before you finish: call "
                      + PlanCheck.TOOL
                      + " with the agents you deliver. A robot behaviour is one robot agent; a"
                      + " project has at least "
                      + bounds.minAgentsPerProject()
                      + " agents, each created, copied, evolved or reused. The request is done"
                      + " when the plan is accepted."));
          progress.println("  reminded to submit a plan");
          progress.flush();
        }
        conversation.add(new ConversationTurn(ConversationTurn.Role.USER, answer));
        continue;
      }
      for (ContentBlock.ToolUse use : uses) {
        if (tally.toolCalls >= bounds.maxToolCalls()) {
          return tally.end(WorkflowOutcome.Ending.TOOL_CALL_BOUND, plan);
        }
        tally.toolCalls++;
        if (use.name().equals(PlanCheck.TOOL)) {
          PlanCheck.Result checked = PlanCheck.check(use.input(), workspace, bounds);
          if (checked.plan().isPresent()) {
            plan = checked.plan();
          }
          answer.add(
              new ContentBlock.ToolResult(use.id(), checked.text(), checked.plan().isEmpty()));
          progress.println("  " + checked.text().lines().findFirst().orElse(""));
          progress.flush();
          continue;
        }
        ToolOutcome outcome =
            offered.contains(use.name())
                ? toolbox.call(use.name(), use.input())
                : ToolOutcome.error(
                    "'"
                        + use.name()
                        + "' is not a tool of this session; the tools are "
                        + new java.util.TreeSet<>(offered));
        answer.add(new ContentBlock.ToolResult(use.id(), outcome.content(), outcome.isError()));
        outcome
            .written()
            .ifPresent(
                agent -> {
                  tally.written.add(agent);
                  progress.println("  wrote " + agent);
                  progress.flush();
                });
      }
      conversation.add(new ConversationTurn(ConversationTurn.Role.USER, answer));
    }
  }

  /** What a run has used and written so far; it becomes the outcome however the run ends. */
  private static final class Tally {
    final List<WrittenAgent> written = new ArrayList<>();
    int turns;
    int toolCalls;
    long inputTokens;
    long outputTokens;
    String lastText = "";
    String stopReason = "";

    void count(AssistantReply reply) {
      turns++;
      inputTokens += reply.inputTokens();
      outputTokens += reply.outputTokens();
      stopReason = reply.stopReason();
      if (!reply.text().isBlank()) {
        lastText = reply.text();
      }
    }

    WorkflowOutcome end(WorkflowOutcome.Ending ending, Optional<Plan> plan) {
      return new WorkflowOutcome(
          ending, lastText, stopReason, written, turns, toolCalls, inputTokens, outputTokens, plan);
    }
  }

  /**
   * The system-agent's body, then what this session offers: its tools (fewer than the agent's
   * {@code tools:} list names, as the toolbox has them) and the kernel's bounds.
   */
  static String systemPrompt(
      Workspace workspace, List<ToolDefinition> tools, OrchestrationPolicy bounds) {
    AgentSpec agent = systemAgent(workspace);
    return prompt(agent, tools, bounds);
  }

  /** The SystemAgent as the volumes have it (a user or team copy wins over the shipped one). */
  private static AgentSpec systemAgent(Workspace workspace) {
    return Catalog.load(workspace.volumes(), workspace.kernel().settings())
        .agent(SYSTEM_AGENT)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the "
                        + SYSTEM_AGENT
                        + " agent is missing from the workspace's volumes; it ships in"
                        + " system:agents/"
                        + SYSTEM_AGENT
                        + ".md"));
  }

  private static String prompt(
      AgentSpec agent, List<ToolDefinition> tools, OrchestrationPolicy bounds) {
    return agent.document().body().strip()
        + "\n\n## This session\n\n"
        + "Tools available now: "
        + tools.stream().map(ToolDefinition::name).collect(Collectors.joining(", "))
        + ". A tool of your list that is not here is not available in this session: say so"
        + " under Limits and Next steps.\n"
        + "Bounds from the kernel: at most "
        + bounds.maxIterations()
        + " model turns and "
        + bounds.maxToolCalls()
        + " tool calls; a project has at least "
        + bounds.minAgentsPerProject()
        + " agents; copy an existing agent from a match of "
        + bounds.copyMinScore()
        + ", evolve from "
        + bounds.evolveMinScore()
        + ", create below.\n";
  }
}
