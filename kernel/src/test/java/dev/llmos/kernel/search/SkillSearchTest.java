package dev.llmos.kernel.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Searches the skills shipped in the system volume with the words a person would use. */
class SkillSearchTest {
  private static SkillSearch search;

  @BeforeAll
  static void indexShippedSkills() {
    VolumeSet volumes = VolumeSet.of(SystemVolumes.packaged());
    Catalog catalog = Catalog.load(volumes, KernelConfig.load(volumes).settings());
    assertThat(catalog.problems()).isEmpty();
    search = SkillSearch.of(catalog);
  }

  @AfterAll
  static void close() {
    search.close();
  }

  @ParameterizedTest(name = "\"{0}\" finds {1} first")
  @CsvSource(
      delimiter = '|',
      value = {
        "don't bump into things | obstacle-avoidance",
        "drive around the room and make a map | frontier-exploration",
        "follow the black tape | line-following",
        "find the red ball | object-seeking",
        "the robot won't talk over USB | serial-troubleshooting",
        "put new firmware on the board | firmware-flashing",
        "stay next to the wall all the way round | wall-following",
        "why did my robot crash in the last run | trace-analysis",
        "it drives crooked and the turns are off | calibration",
        "how far away is the cup | depth-estimation",
        "guard the house at night | patrol",
        "write a new skill | writing-skills",
        "explore the kitchen | frontier-exploration",
        "keep it from hitting the sofa | obstacle-avoidance",
      })
  void paraphraseFindsTheSkillFirst(String query, String expected) {
    assertThat(names(search.search(query, 5))).as(query).first().isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" finds one of {1} first")
  @CsvSource(
      delimiter = '|',
      value = {
        "go back to the charger | docking return-home",
        "several robots share a map | map-merging fleet-coordination",
        "the battery is running out | battery-care return-home docking",
        "spot a person in the camera image | vision-grounding object-seeking",
      })
  void paraphraseFindsOneOfTheSkillsFirst(String query, String expected) {
    List<String> anyOf = Arrays.asList(expected.split(" "));
    assertThat(names(search.search(query, 5))).as(query).first().isIn(anyOf);
  }

  @ParameterizedTest(name = "\"{0}\" finds {1} in the top 3")
  @CsvSource(
      delimiter = '|',
      value = {
        "plan a mission with several steps | rsa-planning",
        "the robot is going too fast | safety-limits",
        "commands get lost or repeated | wire-protocol",
      })
  void paraphraseFindsTheSkillInTopThree(String query, String expected) {
    assertThat(names(search.search(query, 3))).as(query).contains(expected);
  }

  @Test
  void hitsCarryScoreVolumeAndDescriptionBestFirst() {
    List<SkillHit> hits = search.search("avoid obstacles", 4);
    assertThat(hits).hasSize(4);
    assertThat(hits.get(0).name()).isEqualTo("obstacle-avoidance");
    assertThat(hits.get(0).volume()).isEqualTo(VolumeKind.SYSTEM);
    assertThat(hits.get(0).description()).isNotBlank();
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
    }
  }

  @Test
  void synonymsMatchInflectedWords() {
    assertThat(names(search.search("stop it bumping", 1))).containsExactly("obstacle-avoidance");
  }

  @Test
  void emptyQueryIsRefusedWithAHint() {
    assertThatThrownBy(() -> search.search("  ", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query is empty");
    assertThatThrownBy(() -> search.search("the and of it", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only common words");
    assertThatThrownBy(() -> search.search("map", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void badSynonymRuleNamesTheSource() {
    assertThatThrownBy(() -> SkillAnalyzer.parseSynonyms("test.txt", new StringReader("the => a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test.txt");
  }

  private static List<String> names(List<SkillHit> hits) {
    return hits.stream().map(SkillHit::name).toList();
  }
}
