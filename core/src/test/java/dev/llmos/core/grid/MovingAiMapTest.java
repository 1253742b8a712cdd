package dev.llmos.core.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MovingAiMapTest {
  private static final String SMALL = "type octile\nheight 3\nwidth 4\nmap\n@T.G\nS..W\nO@..\n";

  @Test
  void cellsAreReadRowByRowFromTheTop() {
    OccupancyGrid grid = MovingAiMap.parse("small.map", SMALL);
    assertThat(grid.width()).isEqualTo(4);
    assertThat(grid.height()).isEqualTo(3);
    assertThat(grid.isBlocked(0, 0)).isTrue();
    assertThat(grid.isBlocked(1, 0)).isTrue();
    assertThat(grid.isFree(2, 0)).isTrue();
    assertThat(grid.isFree(3, 0)).isTrue();
    assertThat(grid.isFree(0, 1)).as("swamp is passable").isTrue();
    assertThat(grid.isBlocked(3, 1)).as("water is blocked").isTrue();
    assertThat(grid.isBlocked(0, 2)).isTrue();
    assertThat(grid.isFree(3, 2)).isTrue();
    assertThat(grid.blockedCount()).isEqualTo(5);
  }

  @Test
  void cellsOutsideTheGridCountAsBlocked() {
    OccupancyGrid grid = MovingAiMap.parse("small.map", SMALL);
    assertThat(grid.contains(4, 0)).isFalse();
    assertThat(grid.isBlocked(4, 0)).isTrue();
    assertThat(grid.isBlocked(-1, 1)).isTrue();
    assertThat(grid.isFree(2, 3)).isFalse();
  }

  @Test
  void windowsLineEndsAndTrailingBlankLinesAreAccepted() {
    OccupancyGrid unix = MovingAiMap.parse("small.map", SMALL);
    OccupancyGrid windows = MovingAiMap.parse("small.map", SMALL.replace("\n", "\r\n") + "\r\n");
    assertThat(windows).isEqualTo(unix);
  }

  @Test
  void theBenchmarkArenaMapParses() throws IOException {
    String text;
    try (InputStream in = MovingAiMapTest.class.getResourceAsStream("arena.map")) {
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    OccupancyGrid grid = MovingAiMap.parse("arena.map", text);
    assertThat(grid.width()).isEqualTo(49);
    assertThat(grid.height()).isEqualTo(49);
    // Counted in the file: 347 'T' cells, the rest '.'.
    assertThat(grid.blockedCount()).isEqualTo(347);
    assertThat(grid.isBlocked(0, 0)).isTrue();
    assertThat(grid.isFree(3, 1)).isTrue();
  }

  @Test
  void errorsNameTheSourceAndLine() {
    assertThatThrownBy(() -> MovingAiMap.parse("a.map", "type tile\nheight 1\nwidth 1\nmap\n.\n"))
        .hasMessage("a.map:1: expected 'type octile', got 'type tile'");
    assertThatThrownBy(() -> MovingAiMap.parse("a.map", "type octile\nheight x\nwidth 1\nmap\n.\n"))
        .hasMessage("a.map:2: height must be a whole number, got 'x'");
    assertThatThrownBy(() -> MovingAiMap.parse("a.map", "type octile\nwidth 1\nheight 1\nmap\n.\n"))
        .hasMessageStartingWith("a.map:2: expected 'height ...'");
    assertThatThrownBy(() -> MovingAiMap.parse("a.map", "type octile\nheight 1\nwidth 1\n.\n"))
        .hasMessage("a.map:4: expected the line 'map' before the rows");
    assertThatThrownBy(
            () -> MovingAiMap.parse("a.map", "type octile\nheight 2\nwidth 2\nmap\n..\n"))
        .hasMessage("a.map:6: expected 2 rows (height 2), got 1");
    assertThatThrownBy(
            () -> MovingAiMap.parse("a.map", "type octile\nheight 2\nwidth 2\nmap\n..\n...\n"))
        .hasMessage("a.map:6: expected 2 cells (width 2), got 3");
    assertThatThrownBy(
            () -> MovingAiMap.parse("a.map", "type octile\nheight 2\nwidth 2\nmap\n..\n.x\n"))
        .hasMessageStartingWith("a.map:6: column 2: unknown cell 'x'");
    assertThatThrownBy(() -> MovingAiMap.parse("a.map", "type octile\n"))
        .hasMessage("a.map:2: expected 'height ...', the file ends early");
  }

  @Test
  void gridsCheckTheirShape() {
    assertThatThrownBy(() -> OccupancyGrid.of(2, 2, new boolean[3]))
        .hasMessage("a 2x2 grid needs 4 cells, got 3");
    assertThatThrownBy(() -> OccupancyGrid.of(0, 2, new boolean[0]))
        .isInstanceOf(IllegalArgumentException.class);
    boolean[] cells = {true, false, false, true};
    OccupancyGrid grid = OccupancyGrid.of(2, 2, cells);
    cells[1] = true;
    assertThat(grid.isFree(1, 0)).as("the flags were copied").isTrue();
    assertThat(grid).isEqualTo(OccupancyGrid.of(2, 2, new boolean[] {true, false, false, true}));
  }
}
