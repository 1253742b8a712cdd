package dev.llmos.app;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.llmos.app.cli.NotFoundException;
import dev.llmos.core.archfixture.UpwardDependency;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module layering of the design: arrows point at what a module may use, nothing points
 * upward. Modules that do not exist yet are optional layers, so the rule already holds them.
 */
class ArchitectureTest {
  private static JavaClasses production;

  /** The layering: each module and what it may use (the design's arrows, followed through). */
  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true)
          .layer("core")
          .definedBy("dev.llmos.core..")
          .layer("kernel")
          .definedBy("dev.llmos.kernel..")
          .layer("llm")
          .definedBy("dev.llmos.llm..")
          .layer("hal")
          .definedBy("dev.llmos.hal..")
          .layer("sim")
          .definedBy("dev.llmos.sim..")
          .layer("runtime")
          .definedBy("dev.llmos.runtime..")
          .layer("evolution")
          .definedBy("dev.llmos.evolution..")
          .layer("fleet")
          .definedBy("dev.llmos.fleet..")
          .layer("app")
          .definedBy("dev.llmos.app..")
          .whereLayer("core")
          .mayNotAccessAnyLayer()
          .whereLayer("kernel")
          .mayOnlyAccessLayers("core")
          .whereLayer("llm")
          .mayOnlyAccessLayers("core")
          .whereLayer("hal")
          .mayOnlyAccessLayers("core")
          .whereLayer("sim")
          .mayOnlyAccessLayers("hal", "core")
          .whereLayer("runtime")
          .mayOnlyAccessLayers("llm", "hal", "kernel", "core")
          .whereLayer("evolution")
          .mayOnlyAccessLayers("runtime", "llm", "hal", "kernel", "core")
          .whereLayer("fleet")
          .mayOnlyAccessLayers("runtime", "llm", "hal", "kernel", "core")
          .whereLayer("app")
          .mayNotBeAccessedByAnyLayer();

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.llmos");
  }

  @Test
  void importsEveryModuleBuiltSoFar() {
    assertThat(production.containPackage("dev.llmos.core.time")).isTrue();
    assertThat(production.containPackage("dev.llmos.kernel.volume")).isTrue();
    assertThat(production.containPackage("dev.llmos.hal.protocol")).isTrue();
    assertThat(production.containPackage("dev.llmos.sim.robot")).isTrue();
    assertThat(production.containPackage("dev.llmos.app.cli")).isTrue();
  }

  @Test
  void modulesDependOnlyDownward() {
    LAYERS.check(production);
  }

  @Test
  void kernelPackagesHaveNoCycles() {
    slices().matching("dev.llmos.kernel.(*)..").should().beFreeOfCycles().check(production);
  }

  @Test
  void theRuleCatchesAnUpwardDependency() {
    JavaClasses withViolation =
        new ClassFileImporter().importClasses(UpwardDependency.class, NotFoundException.class);
    assertThatThrownBy(() -> LAYERS.check(withViolation))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("UpwardDependency")
        .hasMessageContaining("NotFoundException");
  }
}
