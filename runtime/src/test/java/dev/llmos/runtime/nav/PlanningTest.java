package dev.llmos.runtime.nav;

import static dev.llmos.runtime.nav.GridSearchTest.grid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.grid.OccupancyGrid;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanningTest {
  private static final double RES = 0.1;

  @Test
  void rowZeroIsTheTopOfTheWorld() {
    OccupancyGrid g = grid("....", "....", "....");
    GridFrame frame = GridFrame.of(g, new Translation2d(1.0, 2.0), RES);
    assertThat(frame.cellAt(new Translation2d(1.05, 2.05))).isEqualTo(new GridCell(0, 2));
    assertThat(frame.cellAt(new Translation2d(1.35, 2.25))).isEqualTo(new GridCell(3, 0));
    Translation2d centre = frame.centreOf(new GridCell(3, 0));
    assertThat(centre.xM()).isCloseTo(1.35, within(1e-12));
    assertThat(centre.yM()).isCloseTo(2.25, within(1e-12));
    assertThat(frame.cellAt(centre)).isEqualTo(new GridCell(3, 0));
    assertThat(frame.contains(frame.cellAt(new Translation2d(0.99, 2.05)))).isFalse();
    assertThat(frame.contains(frame.cellAt(new Translation2d(1.05, 2.31)))).isFalse();
  }

  @Test
  void inflationGrowsObstaclesByADisc() {
    OccupancyGrid g = grid(".......", ".......", "...@...", ".......", ".......");
    OccupancyGrid inflated = Inflation.inflate(g, 2);
    assertThat(inflated.isBlocked(3, 0)).isTrue();
    assertThat(inflated.isBlocked(5, 2)).isTrue();
    assertThat(inflated.isBlocked(4, 3)).isTrue();
    assertThat(inflated.isBlocked(5, 4)).as("corner of the square is beyond the disc").isFalse();
    assertThat(inflated.isBlocked(6, 2)).isFalse();
    assertThat(inflated.blockedCount()).isEqualTo(13);
    assertThat(Inflation.inflate(g, 0)).isEqualTo(g);
    assertThatThrownBy(() -> Inflation.inflate(g, -1)).hasMessageContaining("radiusCells");
  }

  @Test
  void aPlanGoesAroundTheWallWithFewWaypointsThatSeeEachOther() {
    OccupancyGrid g =
        grid(
            "..........",
            "..........",
            "....@.....",
            "....@.....",
            "....@.....",
            "....@.....",
            "..........");
    GridFrame frame = GridFrame.of(g, Translation2d.ZERO, RES);
    Translation2d from = new Translation2d(0.22, 0.33);
    Translation2d to = new Translation2d(0.83, 0.35);
    List<Translation2d> waypoints = PathPlanner.plan(g, frame, from, to).orElseThrow();
    assertThat(waypoints.get(0)).isEqualTo(from);
    assertThat(waypoints.get(waypoints.size() - 1)).isEqualTo(to);
    assertThat(waypoints).hasSizeBetween(3, 4);
    for (int i = 1; i < waypoints.size(); i++) {
      assertThat(
              PathPlanner.inSight(
                  g, frame.cellAt(waypoints.get(i - 1)), frame.cellAt(waypoints.get(i))))
          .isTrue();
    }
    Translation2d corner = waypoints.get(1);
    assertThat(frame.cellAt(corner).row()).as("goes over the top of the wall").isLessThan(2);
  }

  @Test
  void noPlanIntoAWallOrAcrossAClosedOne() {
    OccupancyGrid g = grid("..@..", "..@..", "..@..");
    GridFrame frame = GridFrame.of(g, Translation2d.ZERO, RES);
    assertThat(
            PathPlanner.plan(
                g, frame, new Translation2d(0.05, 0.05), new Translation2d(0.45, 0.05)))
        .isEmpty();
    assertThat(
            PathPlanner.plan(
                g, frame, new Translation2d(0.05, 0.05), new Translation2d(0.25, 0.05)))
        .isEmpty();
    assertThatThrownBy(
            () ->
                PathPlanner.plan(
                    g,
                    new GridFrame(Translation2d.ZERO, RES, 4, 3),
                    Translation2d.ZERO,
                    Translation2d.ZERO))
        .hasMessageContaining("4x3");
  }

  @Test
  void aPlanNearABlockedGoalEndsAtTheNearestReachableCellBeyondTheStandoff() {
    // The goal sits in the middle of its own inflated blob, as an object in the map does.
    OccupancyGrid g = grid("..........", "......@@@.", "......@@@.", "......@@@.", "..........");
    GridFrame frame = GridFrame.of(g, Translation2d.ZERO, RES);
    Translation2d robot = frame.centreOf(new GridCell(0, 2));
    Translation2d goal = frame.centreOf(new GridCell(7, 2));
    List<Translation2d> waypoints =
        PathPlanner.planNear(g, frame, robot, goal, 0.15, 1.0).orElseThrow();
    assertThat(waypoints.get(0)).isEqualTo(robot);
    Translation2d end = waypoints.get(waypoints.size() - 1);
    assertThat(frame.cellAt(end))
        .as("the near side, the shortest way")
        .isEqualTo(new GridCell(5, 2));
    // Already beside the goal, the plan still keeps the standoff.
    Translation2d beside = frame.centreOf(new GridCell(7, 0));
    List<Translation2d> stay =
        PathPlanner.planNear(g, frame, beside, goal, 0.25, 1.0).orElseThrow();
    assertThat(stay.get(stay.size() - 1).distanceTo(goal)).isGreaterThanOrEqualTo(0.25);
  }

  @Test
  void aPlanNearAGoalBehindAClosedWallStaysOnTheRobotsSideOrIsNotMade() {
    OccupancyGrid g = grid("...@...", "...@...", "...@...");
    GridFrame frame = GridFrame.of(g, Translation2d.ZERO, RES);
    Translation2d robot = frame.centreOf(new GridCell(0, 1));
    Translation2d goal = frame.centreOf(new GridCell(5, 1));
    List<Translation2d> waypoints =
        PathPlanner.planNear(g, frame, robot, goal, 0.05, 1.0).orElseThrow();
    assertThat(frame.cellAt(waypoints.get(waypoints.size() - 1))).isEqualTo(new GridCell(2, 1));
    assertThat(PathPlanner.planNear(g, frame, robot, goal, 0.05, 0.25)).isEmpty();
  }

  @Test
  void lineOfSightRefusesToSlipThroughACorner() {
    OccupancyGrid g = grid("@.", ".@");
    assertThat(PathPlanner.inSight(g, new GridCell(0, 1), new GridCell(1, 0))).isFalse();
    OccupancyGrid open = grid("...", "...", "...");
    assertThat(PathPlanner.inSight(open, new GridCell(0, 2), new GridCell(2, 0))).isTrue();
    OccupancyGrid pillar = grid("....", ".@..", "....");
    assertThat(PathPlanner.inSight(pillar, new GridCell(0, 0), new GridCell(3, 2))).isFalse();
    assertThat(PathPlanner.inSight(pillar, new GridCell(0, 2), new GridCell(3, 2))).isTrue();
  }

  @Test
  void theNearestReachableFrontierWinsNotTheNearestAsTheCrowFlies() {
    // The robot is left of a wall; a frontier just across it is near in a line but far by path.
    OccupancyGrid g = grid("..@.......", "..@.......", "..@.......", "..........");
    GridFrame frame = GridFrame.of(g, Translation2d.ZERO, 1.0);
    Translation2d robot = frame.centreOf(new GridCell(1, 0));
    Translation2d acrossWall = frame.centreOf(new GridCell(3, 0));
    Translation2d downTheSide = frame.centreOf(new GridCell(0, 3));
    Translation2d walledIn = new Translation2d(50, 50);
    FrontierSelector.Choice choice =
        FrontierSelector.nearest(g, frame, robot, List.of(acrossWall, walledIn, downTheSide), 0.5)
            .orElseThrow();
    assertThat(choice.target()).isEqualTo(downTheSide);
    assertThat(choice.pathLengthM()).isCloseTo(2 + Math.sqrt(2), within(1e-9));
    assertThat(choice.waypoints().get(0)).isEqualTo(robot);
    assertThat(choice.waypoints().get(choice.waypoints().size() - 1)).isEqualTo(downTheSide);

    assertThat(FrontierSelector.nearest(g, frame, robot, List.of(robot), 0.5))
        .as("a frontier already reached is skipped")
        .isEmpty();
  }
}
