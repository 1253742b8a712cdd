package dev.llmos.kernel.config;

import static dev.llmos.kernel.Fixtures.edit;
import static dev.llmos.kernel.Fixtures.lineStartingWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimePolicyTest {
  private static final String RULES = "system:kernel/runtime-rules.md";

  @TempDir Path tmp;

  private static RuntimePolicy shipped() {
    return KernelConfig.load(VolumeSet.of(SystemVolumes.packaged())).runtime();
  }

  @Test
  void theShippedPresetsLoadAsDocumented() {
    RuntimePolicy runtime = shipped();

    assertThat(runtime.preset("quick", 1)).isEqualTo(new RsaPreset("quick", 4, 2, 2, 0.75));
    assertThat(runtime.preset("standard", 1)).isEqualTo(new RsaPreset("standard", 8, 3, 4, 0.75));
    assertThat(runtime.preset("deep", 1)).isEqualTo(new RsaPreset("deep", 16, 4, 6, 0.8));
    assertThat(runtime.rsa().presets()).containsOnlyKeys("quick", "standard", "deep", "swarm");
  }

  @Test
  void theSwarmHasOneCandidatePerRobotAndAtMostFourInASubset() {
    RuntimePolicy runtime = shipped();

    assertThat(runtime.preset("swarm", 6)).isEqualTo(new RsaPreset("swarm", 6, 4, 3, 0.75));
    assertThat(runtime.preset("swarm", 3)).isEqualTo(new RsaPreset("swarm", 3, 3, 3, 0.75));
    assertThat(runtime.preset("swarm", 1)).isEqualTo(new RsaPreset("swarm", 1, 1, 3, 0.75));
    // The other presets do not depend on the robots.
    assertThat(runtime.preset("quick", 6).population()).isEqualTo(4);
    assertThatThrownBy(() -> runtime.preset("swarm", 0)).hasMessageContaining("at least one robot");
  }

  @Test
  void anUnknownPresetNameIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> shipped().preset("huge", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'huge'")
        .hasMessageContaining("[deep, quick, standard, swarm]");
  }

  @Test
  void aSubsetLargerThanThePopulationIsRefusedOnItsLine() {
    Path system = copy();
    String text =
        edit(
            rules(system),
            "quick:    {population: 4,  subset: 2",
            "quick:    {population: 4,  subset: 5");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo(RULES);
    assertThat(p.where().line()).isEqualTo(lineStartingWith(text, "    quick:"));
    assertThat(p.toString()).startsWith(RULES + ":" + lineStartingWith(text, "    quick:") + ":");
    assertThat(p.message())
        .isEqualTo(
            "field 'subset' (5) of preset 'quick' must not exceed its population (4): a subset is"
                + " drawn without replacement");
  }

  @Test
  void anUnknownKeyIsRefusedNamingFileLineAndKey() {
    Path system = copy();
    String text = edit(rules(system), "  max_tokens: 1024\n", "  max_tokens: 1024\n  top_p: 0.9\n");

    Problem p = onlyProblem(system);

    assertThat(p.where())
        .isEqualTo(new SourceLocation(RULES, lineStartingWith(text, "  top_p"), 3));
    assertThat(p.message()).startsWith("unknown key 'top_p'");
  }

  @Test
  void anUnknownKeyInsideAPresetIsRefused() {
    Path system = copy();
    String text = edit(rules(system), "steps: 6, consensus", "steps: 6, temperature: 1, consensus");

    Problem p = onlyProblem(system);

    assertThat(p.where().line()).isEqualTo(lineStartingWith(text, "    deep:"));
    assertThat(p.message()).startsWith("unknown key 'temperature'");
  }

  @Test
  void populationRobotsIsOnlyForTheSwarm() {
    Path system = copy();
    String text = edit(rules(system), "{population: 8,", "{population: robots,");

    Problem p = onlyProblem(system);

    assertThat(p.where().line()).isEqualTo(lineStartingWith(text, "    standard:"));
    assertThat(p.message()).contains("'robots' only in the swarm preset");
  }

  @Test
  void theSwarmPopulationMustBeRobots() {
    Path system = copy();
    edit(rules(system), "{population: robots,", "{population: 5,");

    Problem p = onlyProblem(system);

    assertThat(p.where().source()).isEqualTo(RULES);
    assertThat(p.message()).contains("swarm preset must be 'robots'");
  }

  @Test
  void everyPresetIsRequiredAndNoOther() {
    Path system = copy();
    String text =
        edit(
            rules(system),
            "    quick:    {population: 4,  subset: 2, steps: 2, consensus: 0.75}\n",
            "    fast:    {population: 4,  subset: 2, steps: 2, consensus: 0.75}\n");

    List<Problem> problems = KernelConfig.validate(VolumeSet.of(SystemVolumes.at(system)));

    assertThat(problems)
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).startsWith("unknown key 'fast'"))
        .anySatisfy(m -> assertThat(m).isEqualTo("missing required field 'quick'"));
    assertThat(problems)
        .extracting(p -> p.where().line())
        .contains(lineStartingWith(text, "    fast:"));
  }

  @Test
  void numbersAreRangeChecked() {
    Path system = copy();
    Path file = rules(system);
    edit(file, "default_latency_budget_s: 0.5", "default_latency_budget_s: 0");
    edit(file, "timeout_s: 2.0", "timeout_s: 600");
    edit(file, "temperature: 0.8", "temperature: 3");
    edit(file, "max_tokens: 1024", "max_tokens: 10");
    edit(file, "consensus_radius_m: 0.3", "consensus_radius_m: -1");
    edit(file, "final_selection: majority", "final_selection: best");
    edit(file, "steps: 6, consensus: 0.8", "steps: 60, consensus: 0.2");
    edit(file, "{population: 16,", "{population: 1000,");

    List<Problem> problems = KernelConfig.validate(VolumeSet.of(SystemVolumes.at(system)));

    assertThat(problems).allSatisfy(p -> assertThat(p.where().source()).isEqualTo(RULES));
    assertThat(problems)
        .extracting(Problem::message)
        .containsExactlyInAnyOrder(
            "field 'default_latency_budget_s' must be a number from 0.05 to 10, got number '0'",
            "field 'timeout_s' must be a number from 0.1 to 60, got number '600'",
            "field 'temperature' must be a number from 0 to 2, got number '3'",
            "field 'max_tokens' must be an integer from 64 to 32768, got number '10'",
            "field 'consensus_radius_m' must be a number from 0.01 to 5, got number '-1'",
            "field 'final_selection' must be one of [majority, random], got 'best'",
            "field 'steps' must be an integer from 0 to 20, got number '60'",
            "field 'consensus' must be a number from 0.5 to 1, got number '0.2'",
            "field 'population' must be an integer from 2 to 64, got number '1000'");
  }

  @Test
  void randomFinalSelectionLoads() {
    Path system = copy();
    edit(rules(system), "final_selection: majority", "final_selection: random");

    RuntimePolicy runtime = KernelConfig.load(VolumeSet.of(SystemVolumes.at(system))).runtime();

    assertThat(runtime.rsa().finalSelection()).isEqualTo(RsaSettings.FinalSelection.RANDOM);
  }

  private Path copy() {
    return Fixtures.copyShippedSystemVolume(tmp.resolve("system"));
  }

  private static Path rules(Path system) {
    return system.resolve(KernelFile.RUNTIME_RULES.path());
  }

  private static Problem onlyProblem(Path system) {
    List<Problem> problems = KernelConfig.validate(VolumeSet.of(SystemVolumes.at(system)));
    assertThat(problems).as(Arrays.toString(problems.toArray())).hasSize(1);
    return problems.get(0);
  }
}
