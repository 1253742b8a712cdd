package dev.llmos.runtime.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The classical planner's route goal, and the request that carries the route's point. */
class ClassicalPlannerTest {
  private static final WorldModel WORLD =
      new WorldModel("a", new GridGeometry(0, 0, 0.1, 20, 20), 0.1);
  private static final Translation2d ROBOT = new Translation2d(0.35, 0.35);
  private static final Translation2d POINT = new Translation2d(1.55, 1.25);

  private static PlanRequest request(ActionKind goal, Optional<Translation2d> waypoint) {
    return new PlanRequest(
        1,
        0,
        goal,
        Escalation.GOAL_NEEDS_PLAN,
        WORLD.copy(),
        ROBOT,
        Translation2d.ZERO,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        waypoint);
  }

  @Test
  void plansFromTheRobotToTheRoutePoint() {
    List<Translation2d> path =
        new ClassicalPlanner(0.1)
            .plan(request(ActionKind.PLAN_TO_WAYPOINT, Optional.of(POINT)))
            .orElseThrow();

    assertThat(path.get(0).distanceTo(ROBOT)).isLessThan(0.1);
    assertThat(path.get(path.size() - 1).distanceTo(POINT)).isLessThan(0.1);
  }

  @Test
  void aRoutePointGoesWithPlanToWaypointOnly() {
    assertThatThrownBy(() -> request(ActionKind.PLAN_TO_WAYPOINT, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plan_to_waypoint");
    assertThatThrownBy(() -> request(ActionKind.PLAN_HOME, Optional.of(POINT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plan_home");
  }
}
