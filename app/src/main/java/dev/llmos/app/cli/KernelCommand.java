package dev.llmos.app.cli;

import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.config.KernelFile;
import dev.llmos.kernel.document.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llmos kernel}: the kernel's rules. */
@Command(
    name = "kernel",
    mixinStandardHelpOptions = true,
    description = "Show or check the kernel rules (kernel/*.md, looked up user > team > system).",
    subcommands = {KernelCommand.Show.class, KernelCommand.Validate.class})
final class KernelCommand {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the kernel's settings and the volume each file comes from.")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      KernelConfig k = KernelConfig.load(WorkspaceOptions.of(spec).volumesOrSystem());
      for (KernelFile file : KernelFile.values()) {
        out.printf("%-28s from the %s volume%n", file.path(), k.sources().get(file).label());
      }
      out.println();
      var s = k.safety();
      out.println("safety:");
      out.printf("  max_wheel_speed_mps        %s%n", s.maxWheelSpeedMps());
      out.printf("  max_turn_rate_radps        %s%n", s.maxTurnRateRadps());
      out.printf("  emergency_stop_distance_m  %s%n", s.emergencyStopDistanceM());
      out.printf("  min_safe_distance_m        %s%n", s.minSafeDistanceM());
      out.printf("  slow_down_distance_m       %s%n", s.slowDownDistanceM());
      out.printf("  watchdog_timeout_s         %s%n", s.watchdogTimeoutS());
      out.printf("  max_command_duration_s     %s%n", s.maxCommandDurationS());
      out.printf("  oscillation_window_s       %s%n", s.oscillationWindowS());
      out.printf("  max_direction_reversals    %s%n", s.maxDirectionReversals());
      var p = k.promotion();
      out.println("promotion:");
      out.printf(
          "  user_to_team    min_uses %d, min_success_rate %s%n",
          p.userToTeam().minUses(), p.userToTeam().minSuccessRate());
      out.printf(
          "  team_to_system  min_uses %d, min_success_rate %s, requires_approval %s%n",
          p.teamToSystem().minUses(),
          p.teamToSystem().minSuccessRate(),
          p.systemRequiresApproval());
      var e = k.evolution();
      out.println("evolution:");
      out.printf(
          "  population_size %d, generations %d, episodes_per_candidate %d,"
              + " mutation_rate %s, acceptance_margin %s%n",
          e.populationSize(),
          e.generations(),
          e.episodesPerCandidate(),
          e.mutationRate(),
          e.acceptanceMargin());
      var m = k.memory();
      out.println("memory:");
      out.printf(
          "  consolidation min_traces %d, min_success_rate %s%n",
          m.consolidationMinTraces(), m.consolidationMinSuccessRate());
      out.printf(
          "  retention short_term_days %d, max_short_term_traces %d%n",
          m.shortTermDays(), m.maxShortTermTraces());
      out.printf(
          "  query default_limit %d, max_limit %d%n", m.queryDefaultLimit(), m.queryMaxLimit());
      var o = k.orchestration();
      out.println("orchestration:");
      out.printf(
          "  max_iterations %d, max_tool_calls %d, min_agents_per_project %d,"
              + " copy_min_score %s, evolve_min_score %s%n",
          o.maxIterations(),
          o.maxToolCalls(),
          o.minAgentsPerProject(),
          o.copyMinScore(),
          o.evolveMinScore());
      var r = k.runtime();
      out.println("runtime:");
      out.printf(
          "  instinct default_latency_budget_s %s, vision timeout_s %s%n",
          r.instinctDefaultLatencyBudgetS(), r.visionTimeoutS());
      out.printf(
          "  rsa temperature %s, max_tokens %d, consensus_radius_m %s, final_selection %s%n",
          r.rsa().temperature(),
          r.rsa().maxTokens(),
          r.rsa().consensusRadiusM(),
          r.rsa().finalSelection().name().toLowerCase(java.util.Locale.ROOT));
      new java.util.TreeMap<>(r.rsa().presets())
          .forEach(
              (name, preset) ->
                  out.printf(
                      "  rsa %-8s population %s, subset %d, steps %d, consensus %s%n",
                      name,
                      preset.population().isPresent()
                          ? String.valueOf(preset.population().getAsInt())
                          : "robots",
                      preset.subset(),
                      preset.steps(),
                      preset.consensus()));
      var c = k.settings();
      out.println("config:");
      out.printf(
          "  kernel version %d, git author %s <%s>, max_document_bytes %d,"
              + " max_description_chars %d%n",
          c.kernelVersion(),
          c.gitAuthor().name(),
          c.gitAuthor().email(),
          c.maxDocumentBytes(),
          c.maxDescriptionChars());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check every kernel file; print each problem with file, line and reason.")
  static final class Validate implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      List<Problem> problems = KernelConfig.validate(WorkspaceOptions.of(spec).volumesOrSystem());
      if (problems.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println("kernel valid: " + KernelFile.values().length + " files checked");
        return ExitCodes.OK;
      }
      problems.forEach(p -> spec.commandLine().getErr().println("error: " + p));
      spec.commandLine().getErr().println(problems.size() + " problem(s) in the kernel");
      return ExitCodes.FAILED;
    }
  }
}
