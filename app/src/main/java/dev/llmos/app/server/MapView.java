package dev.llmos.app.server;

import dev.llmos.runtime.world.CellState;
import dev.llmos.runtime.world.DetectedObject;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.PathPoint;
import dev.llmos.runtime.world.WorldModel;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The world model as the dashboard draws it: the {@code map} message of docs/api.md, live and in
 * replays. Cells are one byte each (0 unknown, 1 free, 2 occupied), row 0 the northern row.
 */
record MapView(
    String type,
    String run,
    long tick,
    int cols,
    int rows,
    double resolutionM,
    double originXM,
    double originYM,
    String cells,
    List<List<Double>> trail,
    List<ObjectView> objects) {

  /** The most trail points sent; a longer path is thinned evenly. */
  static final int MAX_TRAIL = 2000;

  /** An object on the map. */
  record ObjectView(String label, double x, double y, double confidence) {
    static ObjectView of(DetectedObject o) {
      return new ObjectView(o.label(), o.position().xM(), o.position().yM(), o.confidence());
    }
  }

  /** Copies what it needs from {@code world}: cheap enough for the control thread once a second. */
  static MapView of(String run, long tick, WorldModel world) {
    GridGeometry g = world.geometry();
    byte[] cells = new byte[g.cellCount()];
    int i = 0;
    for (int row = 0; row < g.heightCells(); row++) {
      for (int col = 0; col < g.widthCells(); col++) {
        CellState s = world.state(col, row);
        cells[i++] = (byte) (s == CellState.FREE ? 1 : s == CellState.OCCUPIED ? 2 : 0);
      }
    }
    List<PathPoint> path = world.path();
    List<List<Double>> trail = new ArrayList<>();
    // Evenly thinned to at most MAX_TRAIL points, the first and the last always among them.
    int n = Math.min(path.size(), MAX_TRAIL);
    for (int k = 0; k < n; k++) {
      PathPoint p = path.get(n == 1 ? 0 : (int) ((long) k * (path.size() - 1) / (n - 1)));
      trail.add(List.of(p.pose().xM(), p.pose().yM()));
    }
    return new MapView(
        "map",
        run,
        tick,
        g.widthCells(),
        g.heightCells(),
        g.resolutionM(),
        g.originXM(),
        g.originYM(),
        Base64.getEncoder().encodeToString(cells),
        trail,
        world.objects().stream().map(ObjectView::of).toList());
  }
}
