package dev.llmos.kernel.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.catalog.AgentSchema;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Composes agents from the shipped catalog for the ways a person says what the robot should do. */
class AgentComposerTest {
  private static Catalog catalog;
  private static KernelSettings settings;
  private static AgentComposer composer;

  @BeforeAll
  static void loadShippedCatalog() {
    VolumeSet volumes = VolumeSet.of(SystemVolumes.packaged());
    settings = KernelConfig.load(volumes).settings();
    catalog = Catalog.load(volumes, settings);
    assertThat(catalog.problems()).isEmpty();
    composer = new AgentComposer(catalog, settings);
  }

  private static Composition.Composed composed(String description) {
    Composition c = composer.compose(description);
    assertThat(c).as("%s: %s", description, c).isInstanceOf(Composition.Composed.class);
    return (Composition.Composed) c;
  }

  /** Re-reads the written text, as `llmos agents validate` would read the file. */
  private static RobotRuntime runtimeOf(Composition.Composed c) {
    AgentSpec spec =
        AgentSchema.read(
            dev.llmos.kernel.document.MarkdownDocument.parse(
                "agents/" + c.name() + ".md", c.document().bytes()),
            c.name(),
            VolumeKind.USER,
            catalog.skillNames(),
            settings);
    return spec.runtime().orElseThrow();
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "avoid walls | AVOID_OBSTACLES",
        "keep away from the walls | AVOID_OBSTACLES",
        "don't bump into things | AVOID_OBSTACLES",
        "wander around without crashing into the furniture | AVOID_OBSTACLES",
        "explore the room | EXPLORE",
        "map this room | EXPLORE",
        "drive around and make a map | EXPLORE",
        "scout out the whole office | EXPLORE",
        "hug the wall on the right | FOLLOW_WALL",
        "follow the wall | FOLLOW_WALL",
        "drive along the wall all the way round the perimeter | FOLLOW_WALL",
        "go to the red ball | SEEK_OBJECT",
        "find the yellow beacon | SEEK_OBJECT",
        "look for the ball and drive up to it | SEEK_OBJECT",
        "patrol between (1, 1) and (4, 3) | PATROL",
        "guard the office, doing rounds | PATROL",
        "patrol between the door and the window | PATROL",
        "go back to the dock | RETURN_HOME",
        "come home | RETURN_HOME",
        "return to the charging base | RETURN_HOME",
        "follow the black line | FOLLOW_LINE",
        "drive along the tape on the floor | FOLLOW_LINE",
        "stop if anything gets within 20 cm | STOP_WHEN_CLOSE",
        "stop when something is close | STOP_WHEN_CLOSE",
        "drive forward and halt when something is closer than 0.5 m | STOP_WHEN_CLOSE",
      })
  void choosesTheBehaviour(String description, Behaviour expected) {
    Composition.Composed c = composed(description);
    assertThat(c.behaviour()).as("%s: %s", description, c.why()).isEqualTo(expected);
    RobotRuntime runtime = runtimeOf(c);
    assertThat(runtime.goal()).isEqualTo(expected.goal());
    assertThat(runtime.instinctMode()).isEqualTo("rules");
    assertThat(runtime.plannerMode()).isEqualTo("classical");
    assertThat(c.skills()).contains(expected.primarySkill(), "safety-limits");
    assertThat(c.document().body()).contains(c.name(), expected.primarySkill());
    assertThat(c.document().fields().string("origin")).isEqualTo("created");
    assertThat(catalog.agent(c.name())).as("a new name").isEmpty();
    for (var e : runtime.params().entrySet()) {
      if (e.getKey().endsWith("_mps")) {
        assertThat(e.getValue()).as(e.getKey()).isBetween(0.0, AgentComposer.MAX_SPEED_MPS);
      }
    }
  }

  @Test
  void namesTheAgentFromTheDescription() {
    assertThat(composed("avoid walls").name()).isEqualTo("avoid-walls");
    assertThat(composed("explore the room").name()).isEqualTo("explore-room");
    assertThat(composed("Go to the RED ball!").name()).isEqualTo("go-red-ball");
  }

  @Test
  void aTakenNameGetsASuffix() {
    // wall-follower and patroller are shipped agents.
    assertThat(composed("wall follower").name()).isEqualTo("wall-follower-2");
    assertThat(composed("patroller, patrol the hall").name()).isEqualTo("patroller-patrol-hall");
    assertThat(composed("patroller").name()).isEqualTo("patroller-2");
  }

  @Test
  void aGivenNameIsUsedOrRefusedWhenTaken() {
    Composition c = composer.compose("avoid walls", Optional.of("careful-rover"));
    assertThat(((Composition.Composed) c).name()).isEqualTo("careful-rover");
    assertThatThrownBy(() -> composer.compose("avoid walls", Optional.of("explorer")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'explorer' already exists");
    assertThatThrownBy(() -> composer.compose("avoid walls", Optional.of("Bad Name")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theStopDistanceComesFromTheDescription() {
    assertThat(runtimeOf(composed("stop if anything gets within 20 cm")).params())
        .containsEntry("stop_distance_m", 0.2);
    assertThat(runtimeOf(composed("halt when something is closer than 0.45 m")).params())
        .containsEntry("stop_distance_m", 0.45);
    assertThat(runtimeOf(composed("stop when something is close")).params())
        .containsEntry("stop_distance_m", 0.3);
    assertThat(composer.compose("stop if anything is within 2 cm"))
        .isInstanceOf(Composition.Refused.class);
  }

  @Test
  void theObjectToFindBecomesTheTarget() {
    assertThat(runtimeOf(composed("go to the red ball")).target()).contains("red-ball");
    assertThat(runtimeOf(composed("find the yellow beacon")).target()).contains("yellow-beacon");
    assertThat(runtimeOf(composed("look for the ball")).target()).contains("red-ball");
    Composition blue = composer.compose("find the blue thing");
    assertThat(blue).isInstanceOf(Composition.Refused.class);
    assertThat(((Composition.Refused) blue).message())
        .contains("no arena object is blue", "red-ball", "yellow-beacon");
  }

  @Test
  void patrolPointsComeFromTheDescriptionOrDefaults() {
    var given = runtimeOf(composed("patrol between (1, 1) and (4, 3.5)")).params();
    assertThat(given)
        .containsEntry("point_1_x_m", 1.0)
        .containsEntry("point_1_y_m", 1.0)
        .containsEntry("point_2_x_m", 4.0)
        .containsEntry("point_2_y_m", 3.5)
        .doesNotContainKey("point_3_x_m");
    var defaults = runtimeOf(composed("patrol between the door and the window")).params();
    assertThat(defaults).containsEntry("point_1_x_m", 0.5).containsEntry("point_2_y_m", 2.5);
  }

  @Test
  void aPatrolDrivesItsRouteAfterItsSafetyRules() {
    RobotRuntime r = runtimeOf(composed("patrol between (1, 1) and (4, 3)"));
    java.util.List<String> rules = r.rules().stream().map(Object::toString).toList();
    assertThat(rules).contains("if always then plan_to_waypoint()");
    assertThat(rules.get(rules.size() - 1)).isEqualTo("if always then plan_to_waypoint()");
    assertThat(rules.get(0)).isEqualTo("if bumper == true then rotate(3.14)");
    assertThat(rules.indexOf("if front_m < safe_distance_m then rotate(-0.785)"))
        .isLessThan(rules.size() - 1);
  }

  @Test
  void theWallSideAndGapComeFromTheDescription() {
    Composition.Composed right = composed("hug the wall on the right at 25 cm");
    RobotRuntime r = runtimeOf(right);
    assertThat(r.params())
        .containsEntry("wall_distance_m", 0.25)
        .containsEntry("steer_radps", -0.6)
        .containsEntry("corner_radps", -1.6);
    assertThat(right.text()).contains("if right_m > lost_wall_m").doesNotContain("left_m >");
    RobotRuntime left = runtimeOf(composed("follow the wall"));
    assertThat(left.params())
        .containsEntry("wall_distance_m", 0.2)
        .containsEntry("steer_radps", 0.6);
  }

  @Test
  void speedWordsSetTheCruiseSpeedWithinTheLimit() {
    assertThat(runtimeOf(composed("slowly avoid obstacles")).params())
        .containsEntry("cruise_mps", 0.1);
    assertThat(runtimeOf(composed("avoid obstacles at 0.15 m/s")).params())
        .containsEntry("cruise_mps", 0.15);
    assertThat(composer.compose("avoid obstacles at 2 m/s"))
        .isInstanceOf(Composition.Refused.class);
  }

  @Test
  void theSameDescriptionGivesTheSameBytes() {
    for (String d : new String[] {"avoid walls", "patrol between (1, 1) and (4, 3)"}) {
      byte[] first = composed(d).document().bytes();
      byte[] second =
          new AgentComposer(catalog, settings).compose(d) instanceof Composition.Composed c
              ? c.document().bytes()
              : new byte[0];
      assertThat(Arrays.equals(first, second)).as(d).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"make me a sandwich", "", "   ", "fly to the moon", "the"})
  void refusesWhatItCannotDo(String description) {
    Composition c = composer.compose(description);
    assertThat(c).isInstanceOf(Composition.Refused.class);
    String message = ((Composition.Refused) c).message();
    for (Behaviour b : Behaviour.values()) {
      assertThat(message).contains(b.summary());
    }
    assertThat(message).contains("ANTHROPIC_API_KEY", "/llmos");
  }

  @Test
  void aSpeedInWordsIsASpeedNotADistance() throws Exception {
    var stop =
        runtimeOf(
                composed("drive at 0.25 meters per second and stop if anything gets within 20 cm"))
            .params();
    assertThat(stop).containsEntry("stop_distance_m", 0.2);
    var slow = runtimeOf(composed("avoid walls at 0.1 metres per second")).params();
    assertThat(slow.values()).contains(0.1);
    var spaced = runtimeOf(composed("avoid walls at 0.2 m / s")).params();
    assertThat(spaced.values()).contains(0.2);
  }
}
