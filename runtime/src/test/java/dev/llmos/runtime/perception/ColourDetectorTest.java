package dev.llmos.runtime.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.arena.ArenaLoader;
import dev.llmos.sim.arena.ArenaObject;
import dev.llmos.sim.camera.CameraRenderer;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColourDetectorTest {
  private static final CameraSpec SPEC = new CameraSpec(320, 240, Math.toRadians(60));
  // Depth tolerance on the reference camera through JPEG at quality 0.8 (worst seen: 4.3%).
  private static final double DEPTH_TOLERANCE = 0.06;

  private static final Arena OBSTACLES = ArenaCatalog.loadPackaged("obstacles");
  private static final ArenaObject BALL = object(OBSTACLES, "red-ball");
  private static final ArenaObject DOCK = object(OBSTACLES, "dock");

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.6, 1.0})
  void findsTheBallAheadByItsKnownSize(double distanceM) {
    Pose2d camera =
        new Pose2d(BALL.position().xM() - distanceM, BALL.position().yM(), Rotation2d.ZERO);

    Detection ball = only(see(OBSTACLES, camera), "red-ball");

    assertThat(ball.region()).isEqualTo(Region.CENTER);
    assertThat(ball.depthMethod()).isEqualTo(DepthMethod.KNOWN_SIZE);
    assertThat(ball.depthM()).isCloseTo(distanceM, within(DEPTH_TOLERANCE * distanceM));
    assertThat(ball.bearingRad()).isCloseTo(0, within(Math.toRadians(1.5)));
    assertThat(ball.confidence()).isGreaterThan(0.5);
  }

  @Test
  void bearingIsPositiveWhenTheBallIsToTheLeft() {
    // Turned 15° clockwise, the camera sees the ball to its left.
    Pose2d camera =
        new Pose2d(BALL.position().xM() - 0.6, BALL.position().yM(), Rotation2d.ofDegrees(-15));

    Detection ball = only(see(OBSTACLES, camera), "red-ball");

    assertThat(ball.bearingRad()).isCloseTo(Math.toRadians(15), within(Math.toRadians(1.5)));
    assertThat(ball.region()).isEqualTo(Region.LEFT);
    assertThat(ball.depthM()).isCloseTo(0.6, within(DEPTH_TOLERANCE * 0.6));
  }

  @Test
  void bearingIsNegativeWhenTheBallIsToTheRight() {
    Pose2d camera =
        new Pose2d(BALL.position().xM() - 0.6, BALL.position().yM(), Rotation2d.ofDegrees(15));

    Detection ball = only(see(OBSTACLES, camera), "red-ball");

    assertThat(ball.bearingRad()).isCloseTo(Math.toRadians(-15), within(Math.toRadians(1.5)));
    assertThat(ball.region()).isEqualTo(Region.RIGHT);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.6, 1.0, 1.5})
  void findsTheDockByWhereItLiesOnTheFloor(double distanceM) {
    // Facing +y towards the dock's centre.
    Pose2d camera =
        new Pose2d(
            DOCK.position().xM(), DOCK.position().yM() - distanceM, Rotation2d.ofDegrees(90));

    Detection dock = only(see(OBSTACLES, camera), "dock");

    assertThat(dock.region()).isEqualTo(Region.CENTER);
    assertThat(dock.depthMethod()).isEqualTo(DepthMethod.FLOOR_POSITION);
    assertThat(dock.depthM()).isCloseTo(distanceM, within(DEPTH_TOLERANCE * distanceM));
    assertThat(dock.bbox().y()).isGreaterThan(0.5);
  }

  @Test
  void seesNothingWhenFacingABlankWall() {
    Pose2d camera = new Pose2d(1.5, 0.5, Rotation2d.ofDegrees(-90));

    assertThat(see(OBSTACLES, camera)).isEmpty();
  }

  @Test
  void anOrangeBoxIsNotTakenForTheBall() {
    // The orange box at (0.8, 2.2), seen from 0.6 m with the ball behind the camera: orange is
    // the palette's hue nearest red. The dock shows at the left edge.
    Pose2d camera = new Pose2d(0.8, 1.6, Rotation2d.ofDegrees(90));

    assertThat(see(OBSTACLES, camera)).extracting(Detection::label).containsExactly("dock");
  }

  @Test
  void aYellowBoxBesideTheBallIsNotTakenForIt() {
    Arena arena =
        ArenaLoader.parse(
            "test",
            """
            name: yellow
            size: {width: 3.0, height: 3.0}
            cell: 0.05
            boxes:
              - {centre: [1.5, 1.8], size: [0.2, 0.2], height: 0.2, colour: yellow}
            objects:
              - {label: red-ball, shape: ball, position: [1.5, 1.2], radius: 0.035, colour: red}
            starts:
              - {x: 0.5, y: 1.5, heading: 0}
            """);
    Pose2d camera = new Pose2d(0.7, 1.5, Rotation2d.ZERO);

    Detection ball = only(see(arena, camera), "red-ball");

    // The ball lies 0.8 m ahead and 0.3 m to the right; the yellow box is to the left.
    assertThat(ball.bearingRad()).isCloseTo(Math.atan2(-0.3, 0.8), within(Math.toRadians(1.5)));
    assertThat(ball.bbox().centreX()).isGreaterThan(0.5);
  }

  @Test
  void aRedBoxIsTooBigForItsDistanceToBeTheBall() {
    Arena arena =
        ArenaLoader.parse(
            "test",
            """
            name: red-box
            size: {width: 3.0, height: 3.0}
            cell: 0.05
            boxes:
              - {centre: [1.5, 1.5], size: [0.2, 0.2], height: 0.15, colour: red}
            objects:
              - {label: red-ball, shape: ball, position: [2.8, 2.8], radius: 0.035, colour: red}
            starts:
              - {x: 0.5, y: 1.5, heading: 0}
            """);
    Pose2d camera = new Pose2d(0.8, 1.5, Rotation2d.ZERO);

    assertThat(see(arena, camera)).isEmpty();
  }

  @Test
  void aGreenPostIsNotTakenForTheGreenDock() {
    // The green cylinder at (1.8, 0.8) has the dock's colour but rises above the horizon.
    Pose2d camera = new Pose2d(1.2, 0.8, Rotation2d.ZERO);

    assertThat(see(OBSTACLES, camera)).extracting(Detection::label).doesNotContain("dock");
  }

  @Test
  void sameFrameGivesTheSameVisionFrame() {
    Pose2d camera = new Pose2d(1.9, 1.2, Rotation2d.ofDegrees(5));
    CameraFrame frame = frame(OBSTACLES, camera, 7);
    ColourDetector detector = detector(OBSTACLES);

    VisionFrame first = detector.perceive(frame, SPEC);
    VisionFrame second = detector.perceive(frame, SPEC);

    assertThat(first).isEqualTo(second);
    assertThat(first.frameId()).isEqualTo(7);
    assertThat(first.timeS()).isEqualTo(0.7);
    assertThat(first.detector()).isEqualTo(ColourDetector.NAME);
    assertThat(first.imageWidth()).isEqualTo(320);
    assertThat(first.latencyMs()).isZero();
  }

  @Test
  void refusesAFrameOfTheWrongSizeOrNotAJpeg() {
    ColourDetector detector = detector(OBSTACLES);
    CameraFrame frame = frame(OBSTACLES, new Pose2d(1.5, 1.5, Rotation2d.ZERO), 1);

    assertThatThrownBy(() -> detector.perceive(frame, new CameraSpec(160, 120, 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame 1 is 320x240 but the camera is 160x120");
    CameraFrame garbage = new CameraFrame(2, 0, 320, 240, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> detector.perceive(garbage, SPEC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame 2");
  }

  @Test
  void refusesDuplicateLabelsAndGreyModels() {
    ObjectModel ball = new ObjectModel("ball", 0xDC1E1E, 12, ObjectModel.Shape.BALL, 0.07);
    assertThatThrownBy(() -> new ColourDetector(List.of(ball, ball), 0.06))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ball");
    assertThatThrownBy(() -> new ObjectModel("wall", 0xB4B4AF, 12, ObjectModel.Shape.PAD, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too grey");
  }

  private static List<Detection> see(Arena arena, Pose2d camera) {
    return detector(arena).perceive(frame(arena, camera, 1), SPEC).detections();
  }

  private static CameraFrame frame(Arena arena, Pose2d camera, int id) {
    CameraRenderer renderer =
        new CameraRenderer(ArenaGeometry.of(arena), SPEC, CameraRenderer.DEFAULT_MOUNT_HEIGHT_M);
    byte[] jpeg = CameraRenderer.encodeJpeg(renderer.render(camera), 0.8f);
    return new CameraFrame(id, id / 10.0, SPEC.width(), SPEC.height(), jpeg);
  }

  /** A detector for an arena's objects, with a clock that stands still. */
  static ColourDetector detector(Arena arena) {
    return new ColourDetector(
        ArenaObjectModels.of(arena),
        CameraRenderer.DEFAULT_MOUNT_HEIGHT_M,
        ColourDetector.DEFAULT_MIN_AREA_PX,
        () -> 0);
  }

  private static Detection only(List<Detection> detections, String label) {
    assertThat(detections).extracting(Detection::label).containsExactly(label);
    return detections.get(0);
  }

  private static ArenaObject object(Arena arena, String label) {
    Optional<ArenaObject> o =
        arena.objects().stream().filter(a -> a.label().equals(label)).findFirst();
    assertThat(o).isPresent();
    return o.orElseThrow();
  }
}
