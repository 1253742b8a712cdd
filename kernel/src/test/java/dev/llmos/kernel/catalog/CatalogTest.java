package dev.llmos.kernel.catalog;

import static dev.llmos.kernel.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.kernel.workspace.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  @TempDir Path tmp;

  private Workspace workspace;
  private Volume user;
  private KernelSettings settings;
  private int shippedAgents;
  private int shippedSkills;

  @BeforeEach
  void createWorkspace() {
    workspace = Workspace.init(tmp.resolve("ws"), Optional.empty(), Fixtures.clock());
    user = workspace.volume(VolumeKind.USER);
    settings = workspace.kernel().settings();
    Catalog shipped = Catalog.load(VolumeSet.of(SystemVolumes.packaged()), settings);
    shippedAgents = shipped.agents().size();
    shippedSkills = shipped.skills().size();
  }

  @Test
  void aBinaryAgentFileIsReportedAndSkippedWhileTheOthersLoad() {
    byte[] garbage = new byte[2048];
    new Random(7).nextBytes(garbage);
    user.write("agents/broken.md", garbage, "Add a damaged file");

    Catalog catalog = load();

    assertThat(catalog.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.where().source()).isEqualTo("user:agents/broken.md"));
    assertThat(catalog.agent("broken")).isEmpty();
    assertThat(catalog.agents()).hasSize(shippedAgents);
    assertThat(catalog.skills()).hasSize(shippedSkills);
  }

  @Test
  void aSkillWithBrokenYamlIsReportedWithItsLineAndSkipped() {
    user.write(
        "skills/broken-skill/SKILL.md",
        utf8("---\nname: broken-skill\ndescription: [unclosed\n---\n\nBody.\n"),
        "Add a skill with broken YAML");

    Catalog catalog = load();

    Problem p = catalog.problems().get(0);
    assertThat(catalog.problems()).hasSize(1);
    assertThat(p.where().source()).isEqualTo("user:skills/broken-skill/SKILL.md");
    assertThat(p.where().line()).isPositive();
    assertThat(p.message()).startsWith("malformed YAML");
    assertThat(catalog.skill("broken-skill")).isEmpty();
    assertThat(catalog.skills()).hasSize(shippedSkills);
    assertThat(catalog.agents()).hasSize(shippedAgents);
  }

  @Test
  void anAgentFileWithABadFileNameIsReportedBeforeItIsRead() {
    user.write("agents/Wall_Avoider.md", utf8("not even frontmatter"), "Add a misnamed agent");

    Catalog catalog = load();

    assertThat(catalog.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().source()).isEqualTo("user:agents/Wall_Avoider.md");
              assertThat(p.message()).contains("'Wall_Avoider'").contains("lower-case");
            });
  }

  @Test
  void aFileOverTheSizeLimitIsSkippedWithoutBeingParsed() {
    byte[] big = new byte[settings.maxDocumentBytes() + 1];
    user.write("agents/huge.md", big, "Add a huge file");

    Catalog catalog = load();

    assertThat(catalog.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("documents may be at most"));
  }

  @Test
  void filesThatAreNotMarkdownInTheAgentsFolderAreIgnored() {
    user.write("agents/notes.txt", utf8("just notes"), "Add notes");

    assertThat(load().problems()).isEmpty();
  }

  @Test
  void aUserAgentHidesTheSystemAgentOfTheSameName() {
    String shipped =
        Fixtures.read(Fixtures.shippedSystemVolume().resolve("agents/wall-avoider.md"));
    user.write(
        "agents/wall-avoider.md",
        utf8(
            shipped.replace(
                "version: 1\norigin: created",
                "version: 2\norigin: evolved\nparent: wall-avoider@1")),
        "Evolve wall-avoider");

    Catalog catalog = load();

    assertThat(catalog.problems()).isEmpty();
    AgentSpec inEffect = catalog.agent("wall-avoider").orElseThrow();
    assertThat(inEffect.volume()).isEqualTo(VolumeKind.USER);
    assertThat(inEffect.version()).isEqualTo(2);
    assertThat(catalog.agents()).hasSize(shippedAgents);
    assertThat(catalog.allAgents())
        .filteredOn(a -> a.name().equals("wall-avoider"))
        .extracting(AgentSpec::volume)
        .containsExactly(VolumeKind.USER, VolumeKind.SYSTEM);
  }

  @Test
  void aTeamSkillHidesTheSystemSkillAndAUserSkillHidesBoth() {
    String skill = "---\nname: patrol\ndescription: The %s patrol. Use to patrol.\n---\n\nDo it.\n";
    workspace
        .volume(VolumeKind.TEAM)
        .write("skills/patrol/SKILL.md", utf8(skill.formatted("team")), "Team patrol");

    assertThat(load().skill("patrol").orElseThrow().volume()).isEqualTo(VolumeKind.TEAM);

    user.write("skills/patrol/SKILL.md", utf8(skill.formatted("user")), "User patrol");
    Catalog catalog = load();

    assertThat(catalog.skill("patrol").orElseThrow().description()).startsWith("The user patrol");
    assertThat(catalog.allSkills())
        .filteredOn(s -> s.name().equals("patrol"))
        .extracting(SkillSpec::volume)
        .containsExactly(VolumeKind.USER, VolumeKind.TEAM, VolumeKind.SYSTEM);
  }

  @Test
  void aUserAgentMayUseASkillThatOnlyTheUserVolumeHas() {
    user.write(
        "skills/juggling/SKILL.md",
        utf8("---\nname: juggling\ndescription: Juggles. Use for shows.\n---\n\nThrow.\n"),
        "Add juggling");
    user.write(
        "agents/juggler.md",
        utf8(
            """
            ---
            name: juggler
            description: Juggles for people. Use at parties.
            kind: specialist
            version: 1
            origin: created
            skills: [juggling]
            ---

            You juggle.
            """),
        "Add juggler");

    Catalog catalog = load();

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.agent("juggler").orElseThrow().skills()).containsExactly("juggling");
  }

  @Test
  void skillResourcesAreListedBesideTheSkill() {
    user.transact(
        "Add a skill with a script",
        tx -> {
          tx.put(
              "skills/juggling/SKILL.md",
              utf8("---\nname: juggling\ndescription: Juggles. Use for shows.\n---\n\nThrow.\n"));
          tx.put("skills/juggling/scripts/count.py", utf8("print(3)\n"));
        });

    SkillSpec skill = load().skill("juggling").orElseThrow();

    assertThat(skill.resources()).containsExactly("skills/juggling/scripts/count.py");
  }

  private Catalog load() {
    return Catalog.load(workspace.volumes(), settings);
  }
}
