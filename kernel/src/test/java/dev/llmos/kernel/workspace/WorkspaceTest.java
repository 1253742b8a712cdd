package dev.llmos.kernel.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.volume.VolumeCommit;
import dev.llmos.kernel.volume.VolumeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir Path tmp;

  @Test
  void initCreatesSettingsVolumesAsGitRepositoriesAndRuns() throws Exception {
    Path root = tmp.resolve("ws");

    Workspace ws = Workspace.init(root, Optional.empty(), Fixtures.clock());

    assertThat(root.resolve("llmos.yaml")).isRegularFile();
    assertThat(Fixtures.read(root.resolve("llmos.yaml"))).isEqualTo(WorkspaceSettings.TEMPLATE);
    assertThat(root.resolve("runs")).isDirectory();
    assertThat(ws.runsDirectory()).isEqualTo(root.resolve("runs"));
    for (VolumeKind kind : List.of(VolumeKind.TEAM, VolumeKind.USER)) {
      Path volume = root.resolve("volumes").resolve(kind.label());
      assertThat(volume.resolve(".git")).isDirectory();
      List<VolumeCommit> history = ws.volume(kind).history(10);
      assertThat(history).as("history of the %s volume", kind.label()).hasSize(1);
      assertThat(history.get(0).subject()).isEqualTo("Create the " + kind.label() + " volume");
      assertThat(history.get(0).author()).isEqualTo("LLMos <llmos@localhost>");
      assertThat(ws.volume(kind).isWritable()).isTrue();
      try (Git git = Git.open(volume.toFile())) {
        assertThat(git.status().call().isClean()).isTrue();
        assertThat(git.getRepository().getBranch()).isEqualTo("main");
      }
    }
    assertThat(ws.volume(VolumeKind.SYSTEM).isWritable()).isFalse();
    assertThat(ws.volumes().inLookupOrder())
        .extracting(v -> v.kind())
        .containsExactly(VolumeKind.USER, VolumeKind.TEAM, VolumeKind.SYSTEM);
    assertThat(ws.kernel().safety().maxWheelSpeedMps()).isEqualTo(0.3);
  }

  @Test
  void initTwiceKeepsEverythingAndMakesNoNewCommits() throws IOException {
    Path root = tmp.resolve("ws");
    Workspace first = Workspace.init(root, Optional.empty(), Fixtures.clock());
    first.volume(VolumeKind.USER).write("agents/mine.md", Fixtures.utf8("mine"), "Add mine");
    Files.writeString(
        root.resolve("llmos.yaml"), "version: 1\n# edited by hand\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("runs/keep.txt"), "run", StandardCharsets.UTF_8);

    Workspace second = Workspace.init(root, Optional.empty(), Fixtures.clock());

    assertThat(second.volume(VolumeKind.USER).history(10)).hasSize(2);
    assertThat(second.volume(VolumeKind.TEAM).history(10)).hasSize(1);
    assertThat(second.volume(VolumeKind.USER).read("agents/mine.md")).isPresent();
    assertThat(Fixtures.read(root.resolve("llmos.yaml")))
        .isEqualTo("version: 1\n# edited by hand\n");
    assertThat(root.resolve("runs/keep.txt")).hasContent("run");
  }

  @Test
  void openOnADirectoryWithoutSettingsSaysToRunInit() {
    WorkspaceNotFoundException e =
        catchThrowableOfType(
            WorkspaceNotFoundException.class,
            () -> Workspace.open(tmp, Optional.empty(), Fixtures.clock()));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("llmos.yaml").contains("run `llmos init`");
  }

  @Test
  void anUnknownKeyInTheSettingsIsRefusedNamingFileAndLine() throws IOException {
    Path root = tmp.resolve("ws");
    Workspace.init(root, Optional.empty(), Fixtures.clock());
    Path settings = root.resolve("llmos.yaml");
    Files.writeString(settings, "version: 1\n\ncolour: blue\n", StandardCharsets.UTF_8);

    InvalidDocumentException e =
        catchThrowableOfType(
            InvalidDocumentException.class,
            () -> Workspace.open(root, Optional.empty(), Fixtures.clock()));

    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where()).isEqualTo(new SourceLocation(settings.toString(), 3, 1));
              assertThat(p.message())
                  .isEqualTo(
                      "unknown key 'colour'; expected one of [runtime_model, system_volume, version]");
            });
    assertThat(e.getMessage()).startsWith(settings + ":3:1:");
  }

  @Test
  void theSettingsMayNameTheRuntimeModel() throws IOException {
    Path root = tmp.resolve("ws");
    Workspace.init(root, Optional.empty(), Fixtures.clock());
    Files.writeString(
        root.resolve("llmos.yaml"),
        """
        version: 1
        runtime_model:
          preset: vllm
          base_url: http://gpu-box:8000/v1
          timeout_s: 12.5
          max_concurrent: 8
        """,
        StandardCharsets.UTF_8);

    ModelSettings model = Workspace.settings(root).runtimeModel();

    assertThat(model.preset()).contains("vllm");
    assertThat(model.baseUrl()).contains("http://gpu-box:8000/v1");
    assertThat(model.model()).isEmpty();
    assertThat(model.timeoutS()).hasValue(12.5);
    assertThat(model.maxConcurrent()).hasValue(8);
    assertThat(model.maxRetries()).isEmpty();
    assertThat(Workspace.settings(tmp.resolve("none")).runtimeModel())
        .isEqualTo(ModelSettings.NONE);
  }

  @Test
  void anApiKeyInTheSettingsIsRefusedPointingAtTheEnvironment() throws IOException {
    Path root = tmp.resolve("ws");
    Workspace.init(root, Optional.empty(), Fixtures.clock());
    Path settings = root.resolve("llmos.yaml");
    Files.writeString(
        settings, "version: 1\nruntime_model:\n  api_key: sk-secret\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Workspace.settings(root))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith(settings + ":3:3:")
        .hasMessageContaining("LLMOS_VLM_API_KEY")
        .hasMessageNotContaining("sk-secret");
  }

  @Test
  void anUnsupportedSettingsVersionIsRefusedAtTheValue() throws IOException {
    Path root = tmp.resolve("ws");
    Workspace.init(root, Optional.empty(), Fixtures.clock());
    Files.writeString(root.resolve("llmos.yaml"), "version: 2\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Workspace.open(root, Optional.empty(), Fixtures.clock()))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("llmos.yaml:1:10")
        .hasMessageContaining("'version'");
  }

  @Test
  void theSettingsMayNameASystemVolumeDirectory() throws IOException {
    Path system = Fixtures.copyShippedSystemVolume(tmp.resolve("system"));
    Fixtures.edit(
        system.resolve("kernel/safety-rules.md"),
        "max_wheel_speed_mps: 0.3",
        "max_wheel_speed_mps: 0.25");
    Path root = tmp.resolve("ws");
    Files.createDirectories(root);
    Files.writeString(
        root.resolve("llmos.yaml"),
        "version: 1\nsystem_volume: ../system\n",
        StandardCharsets.UTF_8);

    Workspace ws = Workspace.init(root, Optional.empty(), Fixtures.clock());

    assertThat(ws.kernel().safety().maxWheelSpeedMps()).isEqualTo(0.25);
    assertThat(ws.volume(VolumeKind.SYSTEM).root()).isEqualTo(system.normalize());
  }

  @Test
  void aSystemOverrideGivenToOpenWinsOverTheShippedVolume() {
    Path system = Fixtures.copyShippedSystemVolume(tmp.resolve("system"));
    Fixtures.edit(
        system.resolve("kernel/evolution-rules.md"), "population_size: 8", "population_size: 16");
    Path root = tmp.resolve("ws");
    Workspace.init(root, Optional.empty(), Fixtures.clock());

    Workspace ws = Workspace.open(root, Optional.of(system), Fixtures.clock());

    assertThat(ws.kernel().evolution().populationSize()).isEqualTo(16);
  }

  @Test
  void commitsUseTheAuthorFromTheKernelConfig() {
    Path system = Fixtures.copyShippedSystemVolume(tmp.resolve("system"));
    Fixtures.edit(system.resolve("kernel/config.md"), "author_name: LLMos", "author_name: Robo");
    Path root = tmp.resolve("ws");

    Workspace ws = Workspace.init(root, Optional.of(system), Fixtures.clock());
    ws.volume(VolumeKind.USER).write("a.md", Fixtures.utf8("a"), "Add a");

    assertThat(ws.volume(VolumeKind.USER).history(2))
        .extracting(VolumeCommit::author)
        .containsExactly("Robo <llmos@localhost>", "Robo <llmos@localhost>");
  }
}
