package dev.llmos.sim.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmos.core.grid.MovingAiMap;
import dev.llmos.core.grid.OccupancyGrid;
import dev.llmos.sim.arena.ArenaObject.Shape;
import dev.llmos.sim.geometry.ArenaGeometry;
import org.junit.jupiter.api.Test;

class ArenaLoaderTest {
  private static final String FULL =
      """
      name: sample
      description: every kind of thing once
      size: {width: 3, height: 2}
      cell: 0.1
      walls:
        - {from: [1, 0], to: [1, 1], thickness: 0.04, height: 0.2, colour: blue}
        - {from: [2, 2], to: [2, 1.5]}
      boxes:
        - {centre: [2.5, 0.5], size: [0.4, 0.2], yaw: 90, height: 0.1, colour: "#10ff20"}
      cylinders:
        - {centre: [0.5, 1.5], radius: 0.1, colour: [1, 2, 3]}
      objects:
        - {label: red-ball, shape: ball, position: [1.5, 1.0], radius: 0.035, colour: red}
        - {label: dock, shape: pad, position: [0.3, 0.3], radius: 0.15, colour: green}
      lines:
        - {points: [[0.2, 1.0], [0.8, 1.0]], width: 0.03}
      starts:
        - {x: 0.5, y: 0.5, heading: 90}
        - {x: 2.0, y: 1.0}
      """;

  @Test
  void everyKindOfThingIsRead() {
    Arena a = ArenaLoader.parse("sample.yaml", FULL);
    assertThat(a.name()).isEqualTo("sample");
    assertThat(a.description()).isEqualTo("every kind of thing once");
    assertThat(a.widthM()).isEqualTo(3);
    assertThat(a.heightM()).isEqualTo(2);
    assertThat(a.cellSizeM()).isEqualTo(0.1);
    // Four boundary walls come first, then the file's.
    assertThat(a.walls()).hasSize(6);
    Wall w = a.walls().get(4);
    assertThat(w.thicknessM()).isEqualTo(0.04);
    assertThat(w.colour()).isEqualTo(new Rgb(30, 80, 220));
    Wall plain = a.walls().get(5);
    assertThat(plain.thicknessM()).isEqualTo(ArenaLoader.DEFAULT_WALL_THICKNESS_M);
    assertThat(plain.heightM()).isEqualTo(ArenaLoader.DEFAULT_WALL_HEIGHT_M);
    assertThat(plain.colour()).isEqualTo(Rgb.WALL_GREY);
    Box b = a.boxes().get(0);
    assertThat(b.yaw().degrees()).isCloseTo(90, within(1e-9));
    assertThat(b.colour()).isEqualTo(new Rgb(0x10, 0xff, 0x20));
    assertThat(a.cylinders().get(0).colour()).isEqualTo(new Rgb(1, 2, 3));
    assertThat(a.cylinders().get(0).heightM()).isEqualTo(ArenaLoader.DEFAULT_CYLINDER_HEIGHT_M);
    assertThat(a.objects()).extracting(ArenaObject::label).containsExactly("red-ball", "dock");
    assertThat(a.objects().get(1).shape()).isEqualTo(Shape.PAD);
    assertThat(a.lines().get(0).widthM()).isEqualTo(0.03);
    assertThat(a.starts()).hasSize(2);
    assertThat(a.starts().get(0).heading().degrees()).isCloseTo(90, within(1e-9));
    assertThat(a.starts().get(1).heading().radians()).isZero();
  }

  @Test
  void boundaryWallsEncloseTheFloorExactly() {
    Arena a = ArenaLoader.parse("sample.yaml", FULL);
    ArenaGeometry g = ArenaGeometry.of(a);
    assertThat(g.castRay(0.2, 1.8, -1, 0, 10)).isCloseTo(0.2, within(1e-9));
    assertThat(g.castRay(0.2, 1.8, 0, 1, 10)).isCloseTo(0.2, within(1e-9));
    assertThat(g.castRay(2.8, 0.5, 1, 0, 10)).isCloseTo(0.2, within(1e-9));

    Arena open = ArenaLoader.parse("open.yaml", FULL.replace("cell: 0.1", "boundary: false"));
    assertThat(open.walls()).hasSize(2);
    assertThat(open.name()).isEqualTo("sample");
  }

  @Test
  void theNameDefaultsToTheFileName() {
    Arena a =
        ArenaLoader.parse(
            "some/dir/little-room.yaml", "size: {width: 1, height: 1}\nstarts: [{x: 0.5, y: 0.5}]");
    assertThat(a.name()).isEqualTo("little-room");
    assertThat(a.cellSizeM()).isEqualTo(ArenaLoader.DEFAULT_CELL_SIZE_M);
  }

  @Test
  void errorsNameFileLineColumnAndField() {
    assertThatThrownBy(() -> ArenaLoader.parse("a.yaml", FULL.replace("yaw: 90", "yam: 90")))
        .isInstanceOf(ArenaFormatException.class)
        .hasMessageStartingWith("a.yaml:9:44: boxes[0].yam: unknown key");
    assertThatThrownBy(
            () -> ArenaLoader.parse("a.yaml", FULL.replace("colour: red", "colour: teal")))
        .hasMessageStartingWith("a.yaml:13:81: objects[0].colour: unknown colour 'teal'");
    assertThatThrownBy(() -> ArenaLoader.parse("a.yaml", FULL.replace("radius: 0.1", "radius: -1")))
        .hasMessage("a.yaml:11:34: cylinders[0].radius: expected a positive number, got -1.0");
    assertThatThrownBy(
            () -> ArenaLoader.parse("a.yaml", FULL.replace("shape: ball", "shape: cube")))
        .hasMessageContaining("objects[0].shape: expected ball, pad or beacon, got 'cube'");
    assertThatThrownBy(
            () -> ArenaLoader.parse("a.yaml", FULL.replace("size: {width: 3, ", "size: {")))
        .hasMessage("a.yaml:3:7: size.width: missing");
    assertThatThrownBy(() -> ArenaLoader.parse("a.yaml", FULL.replace("to: [1, 1]", "to: [1]")))
        .hasMessageContaining("walls[0].to: expected [x, y], got 1 numbers");
    assertThatThrownBy(
            () -> ArenaLoader.parse("a.yaml", FULL.replace("label: dock", "label: red-ball")))
        .hasMessageContaining("objects[1].label: label 'red-ball' is used twice");
    assertThatThrownBy(() -> ArenaLoader.parse("a.yaml", FULL + "colour: red\n"))
        .hasMessageContaining("colour: unknown key");
    assertThatThrownBy(() -> ArenaLoader.parse("a.yaml", "size: [1, 2\n"))
        .hasMessageStartingWith("a.yaml:2:1: not valid YAML");
    assertThatThrownBy(() -> ArenaLoader.parse("a.yaml", ""))
        .hasMessage("a.yaml: empty arena file");
  }

  @Test
  void startsMustBeOnTheFloorAndOutsideSolids() {
    assertThatThrownBy(
            () -> ArenaLoader.parse("a.yaml", FULL.replace("{x: 2.0, y: 1.0}", "{x: 1.0, y: 0.5}")))
        .hasMessageStartingWith("a.yaml:19:5: starts[1]: lies inside a solid");
    assertThatThrownBy(
            () -> ArenaLoader.parse("a.yaml", FULL.replace("{x: 2.0, y: 1.0}", "{x: 4.0, y: 1.0}")))
        .hasMessageStartingWith("a.yaml:19:5: starts[1]: lies outside the arena's floor");
    assertThatThrownBy(
            () ->
                ArenaLoader.parse(
                    "a.yaml", FULL.replace("position: [1.5, 1.0]", "position: [1.5, 9]")))
        .hasMessageContaining("objects[0].position: lies outside the arena's floor");
    assertThatThrownBy(
            () -> ArenaLoader.parse("a.yaml", "size: {width: 1, height: 1}\nstarts: []\n"))
        .hasMessage("a.yaml:2:9: starts: needs at least one start pose");
  }

  @Test
  void aMovingAiMapBecomesRowRunsOfBoxesWithRowZeroAtTheTop() {
    OccupancyGrid grid =
        MovingAiMap.parse(
            "t.map",
            "type octile\nheight 5\nwidth 6\nmap\n@@@...\n......\n......\n......\n.....@\n");
    Arena a = ArenaLoader.fromMovingAi("t", grid, 0.5);
    assertThat(a.widthM()).isEqualTo(3);
    assertThat(a.heightM()).isEqualTo(2.5);
    assertThat(a.boxes()).hasSize(2);
    Box top = a.boxes().get(0);
    // Row 0 spans y 2.0 to 2.5; columns 0-2 span x 0 to 1.5.
    assertThat(top.centre().xM()).isEqualTo(0.75);
    assertThat(top.centre().yM()).isEqualTo(2.25);
    assertThat(top.sizeXM()).isEqualTo(1.5);
    assertThat(top.sizeYM()).isEqualTo(0.5);
    Box corner = a.boxes().get(1);
    assertThat(corner.centre().xM()).isEqualTo(2.75);
    assertThat(corner.centre().yM()).isEqualTo(0.25);
    assertThat(a.walls()).hasSize(4);
    ArenaGeometry g = ArenaGeometry.of(a);
    assertThat(a.starts()).isNotEmpty();
    for (var s : a.starts()) {
      int col = (int) Math.floor(s.xM() / 0.5);
      int row = grid.height() - 1 - (int) Math.floor(s.yM() / 0.5);
      assertThat(grid.isFree(col, row)).isTrue();
      assertThat(g.clearance(s.xM(), s.yM(), 1)).isGreaterThan(0.5);
    }
  }

  @Test
  void aMapWithNoRoomToStartIsRefused() {
    OccupancyGrid grid =
        MovingAiMap.parse("t.map", "type octile\nheight 2\nwidth 2\nmap\n@T\nOW\n");
    assertThatThrownBy(() -> ArenaLoader.fromMovingAi("t", grid, 0.5))
        .hasMessage("t: the map has no free cell to start in");
  }
}
