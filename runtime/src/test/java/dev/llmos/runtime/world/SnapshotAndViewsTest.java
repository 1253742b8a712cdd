package dev.llmos.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Transform2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.robot.RangeSensor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnapshotAndViewsTest {
  private static final GridGeometry GEOMETRY = new GridGeometry(-1, -1, 0.05, 80, 60);

  /** A map with random scans, two objects, a path and one merged source. */
  private static WorldModel busy() {
    List<RangeSensor> sensors =
        List.of(
            new RangeSensor(Rotation2d.ZERO, 0.02, 2),
            new RangeSensor(Rotation2d.ofDegrees(90), 0.02, 2),
            new RangeSensor(Rotation2d.ofDegrees(180), 0.02, 2));
    WorldModel world = new WorldModel("r1", GEOMETRY, LogOddsModel.DEFAULT, 0.1, sensors, 0.04, 64);
    WorldModel other = new WorldModel("r2", GEOMETRY, LogOddsModel.DEFAULT, 0.1, sensors, 0.04, 64);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 40; i++) {
      Pose2d pose =
          new Pose2d(
              random.nextDouble(0, 2), random.nextDouble(0, 1), Rotation2d.ofRadians(i * 0.3));
      List<Double> ranges = List.of(random.nextDouble(0.1, 2), random.nextDouble(0.1, 2), 2.0);
      world.recordPose(i * 0.1, pose);
      world.integrateScan(pose, sensors, ranges, 0.04);
      other.integrateScan(
          pose.transformBy(new Transform2d(new Translation2d(0.3, 0), Rotation2d.ZERO)),
          sensors,
          ranges,
          0.04);
    }
    world.mergeWith(other, 0.6);
    world.observeObject("red ball", new Translation2d(0.5, 0.7), 0.8, 3.5);
    world.observeObject("blue cup", new Translation2d(1.5, 0.2), 0.6, 3.9);
    return world;
  }

  @Test
  void aSnapshotRoundTripsEverythingWithinOneQuantisationStep() {
    WorldModel world = busy();
    byte[] snapshot = world.snapshot();
    WorldModel back = WorldModel.fromSnapshot(snapshot);
    assertThat(back.id()).isEqualTo("r1");
    assertThat(back.version()).isEqualTo(40);
    assertThat(back.geometry()).isEqualTo(GEOMETRY);
    assertThat(back.sensors()).isEqualTo(world.sensors());
    assertThat(back.objects()).isEqualTo(world.objects());
    assertThat(back.path()).isEqualTo(world.path());
    assertThat(back.mergedVersions()).isEqualTo(world.mergedVersions());
    double step = 3.5 / 127;
    int differentStates = 0;
    for (int row = 0; row < GEOMETRY.heightCells(); row++) {
      for (int col = 0; col < GEOMETRY.widthCells(); col++) {
        assertThat(back.ownLogOdds(col, row)).isCloseTo(world.ownLogOdds(col, row), within(step));
        assertThat(back.logOdds(col, row)).isCloseTo(world.logOdds(col, row), within(2 * step));
        if (back.state(col, row) != world.state(col, row)) {
          differentStates++;
        }
      }
    }
    // Only cells within a step of a threshold can change state.
    assertThat(differentStates).isLessThan(GEOMETRY.cellCount() / 100);
    assertThat(back.snapshot()).isEqualTo(WorldModel.fromSnapshot(back.snapshot()).snapshot());
    // Deflate makes it far smaller than a byte a cell for each of the two layers.
    assertThat(snapshot.length).isLessThan(GEOMETRY.cellCount());
  }

  @Test
  void corruptTruncatedOrForeignBytesAreRefusedByName() {
    byte[] snapshot = busy().snapshot();
    byte[] flipped = snapshot.clone();
    flipped[snapshot.length / 2] ^= 0x10;
    assertThatThrownBy(() -> WorldModel.fromSnapshot(flipped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("world snapshot: checksum mismatch");
    assertThatThrownBy(() -> WorldModel.fromSnapshot(Arrays.copyOf(snapshot, snapshot.length - 20)))
        .hasMessageContaining("world snapshot:");
    assertThatThrownBy(() -> WorldModel.fromSnapshot(new byte[3]))
        .hasMessageContaining("too short");
    assertThatThrownBy(
            () ->
                WorldModel.fromSnapshot(
                    "not a snapshot at all".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("bad magic");
  }

  @Test
  void theJsonViewHasGeometryRowsObjectsPathFrontiersAndProgress() throws Exception {
    WorldModel world = busy();
    JsonNode json = new ObjectMapper().readTree(world.toJson());
    assertThat(json.get("id").asText()).isEqualTo("r1");
    assertThat(json.get("version").asLong()).isEqualTo(40);
    assertThat(json.at("/geometry/widthCells").asInt()).isEqualTo(80);
    assertThat(json.at("/geometry/resolutionM").asDouble()).isEqualTo(0.05);
    assertThat(json.get("rows")).hasSize(60);
    String north = json.get("rows").get(0).asText();
    assertThat(north).hasSize(80);
    for (int col = 0; col < 80; col++) {
      assertThat(north.charAt(col)).isEqualTo(world.state(col, 0).symbol());
    }
    assertThat(json.at("/legend/#").asText()).isEqualTo("occupied");
    assertThat(json.at("/objects/0/label").asText()).isEqualTo("red ball");
    assertThat(json.at("/objects/1/xM").asDouble()).isEqualTo(1.5);
    assertThat(json.get("path")).hasSize(world.path().size());
    assertThat(json.get("frontiers").isArray()).isTrue();
    assertThat(json.get("frontiers")).isNotEmpty();
    assertThat(json.at("/exploration/knownCells").asInt()).isEqualTo(world.knownCellCount());
    assertThat(json.at("/sources/0/id").asText()).isEqualTo("r2");
  }

  @Test
  void theTextViewFitsTheWidthAndMarksRobotAndObjects() {
    WorldModel world = busy();
    // Away from both objects, so no mark hides another.
    world.recordPose(5, new Pose2d(2.5, -0.5, Rotation2d.ZERO));
    String text = world.toText(40);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).contains("Map 4.00 x 3.00 m").contains("1 char = 0.10 m");
    List<String> map = lines.subList(1, 31);
    assertThat(map).allSatisfy(line -> assertThat(line).hasSize(40));
    assertThat(String.join("", map)).contains("R", "A", "B", "#", ".", "?");
    assertThat(text).contains("A = red ball at (0.50, 0.70) m", "R = robot at", "# occupied");
    assertThatThrownBy(() -> world.toText(0)).hasMessageContaining("at least one column");
  }
}
