package dev.llmos.sim.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArenaCatalogTest {
  private static final double ROBOT_RADIUS_M = 0.06;

  @Test
  void everyPackagedArenaLoadsWithFreeStarts() {
    for (String name : ArenaCatalog.PACKAGED) {
      Arena arena = ArenaCatalog.load(name);
      assertThat(arena.name()).isEqualTo(name);
      assertThat(arena.description()).isNotBlank();
      assertThat(arena.widthM()).isBetween(2.0, 5.0);
      ArenaGeometry g = ArenaGeometry.of(arena);
      for (Pose2d s : arena.starts()) {
        assertThat(g.clearance(s.xM(), s.yM(), 1))
            .as("%s start %s", name, s)
            .isGreaterThan(ROBOT_RADIUS_M);
      }
    }
  }

  @Test
  void thePackagedListMatchesTheResources() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/llmos/arenas"))) {
      assertThat(files.map(p -> p.getFileName().toString().replace(".yaml", "")))
          .containsExactlyInAnyOrderElementsOf(ArenaCatalog.PACKAGED);
    }
    assertThat(ArenaCatalog.list())
        .extracting(ArenaCatalog.Entry::name)
        .containsExactlyElementsOf(ArenaCatalog.PACKAGED);
  }

  @Test
  void someArenasHoldARedBallAndADock() {
    Arena obstacles = ArenaCatalog.load("obstacles");
    assertThat(obstacles.objects()).extracting(ArenaObject::label).contains("red-ball", "dock");
    assertThat(ArenaCatalog.load("line-track").lines()).hasSize(1);
  }

  @Test
  void filesLoadByPathAsYamlOrMovingAiMaps(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve("tiny.yml");
    Files.writeString(yaml, "size: {width: 1, height: 1}\nstarts: [{x: 0.5, y: 0.5}]\n");
    assertThat(ArenaCatalog.load(yaml.toString()).name()).isEqualTo("tiny");

    Path map = dir.resolve("block.map");
    Files.writeString(map, "type octile\nheight 4\nwidth 4\nmap\n....\n.@@.\n....\n....\n");
    Arena imported = ArenaCatalog.load(map.toString());
    assertThat(imported.name()).isEqualTo("block");
    assertThat(imported.cellSizeM()).isEqualTo(ArenaCatalog.MOVINGAI_CELL_SIZE_M);
    assertThat(imported.boxes()).hasSize(1);
  }

  @Test
  void anUnknownNameListsThePackagedOnes() {
    assertThatThrownBy(() -> ArenaCatalog.load("moon-base"))
        .hasMessageStartingWith("no packaged arena 'moon-base'; packaged: empty-room, obstacles");
  }
}
