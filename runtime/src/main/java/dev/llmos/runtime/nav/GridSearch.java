package dev.llmos.runtime.nav;

import dev.llmos.core.grid.OccupancyGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Best-first search on an 8-connected grid with octile costs (1 straight, √2 diagonal) where a
 * diagonal step needs both orthogonal neighbours free (no corner cutting). With the octile
 * heuristic it is A*, with a zero heuristic Dijkstra; both share this code so a benchmark compares
 * only the heuristic.
 *
 * <p>Cells live in primitive arrays over the grid padded by one blocked cell on every side, so the
 * inner loop needs no bounds checks; a search stamp marks which entries belong to the current
 * search, so nothing is cleared between searches. The open list is a binary heap with decrease-key.
 * Not thread-safe: one instance serves one thread and reuses its arrays for every search.
 */
final class GridSearch {
  private static final double SQRT2 = Math.sqrt(2);
  private static final double DIAGONAL_SAVING = 2 - SQRT2;
  private static final int CLOSED = -1;

  private final int width;
  private final int height;
  private final int stride;
  private final boolean octileHeuristic;
  private final boolean[] free;
  private final int[] offsets;
  private final int[] sideA;
  private final int[] sideB;
  private final double[] costs;

  private final double[] costSoFar;
  private final double[] priority;
  private final int[] parent;
  private final int[] heapIndex;
  private final int[] stampOf;
  // The heap keeps each entry's keys beside it so comparisons stay in cache.
  private final int[] heap;
  private final double[] heapPriority;
  private final double[] heapCost;
  private int heapSize;
  private int stamp;
  private int expanded;
  private int goalCol;
  private int goalRow;

  GridSearch(OccupancyGrid grid, boolean octileHeuristic) {
    this.width = grid.width();
    this.height = grid.height();
    this.stride = width + 2;
    this.octileHeuristic = octileHeuristic;
    int cells = stride * (height + 2);
    free = new boolean[cells];
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        free[index(col, row)] = grid.isFree(col, row);
      }
    }
    // East, west, south, north, then the four diagonals with the two orthogonal steps they pass.
    offsets = new int[] {1, -1, stride, -stride, stride + 1, stride - 1, -stride + 1, -stride - 1};
    sideA = new int[] {0, 0, 0, 0, 1, -1, 1, -1};
    sideB = new int[] {0, 0, 0, 0, stride, stride, -stride, -stride};
    costs = new double[] {1, 1, 1, 1, SQRT2, SQRT2, SQRT2, SQRT2};
    costSoFar = new double[cells];
    priority = new double[cells];
    parent = new int[cells];
    heapIndex = new int[cells];
    stampOf = new int[cells];
    heap = new int[cells];
    heapPriority = new double[cells];
    heapCost = new double[cells];
  }

  /** Cells expanded (taken from the open list) by the last search. */
  int expandedCells() {
    return expanded;
  }

  /** The cheapest path from start to goal, or empty when either is blocked or none exists. */
  Optional<GridPath> find(GridCell start, GridCell goal) {
    if (!isFree(start) || !isFree(goal)) {
      begin();
      return Optional.empty();
    }
    goalCol = goal.col();
    goalRow = goal.row();
    int target = index(goal.col(), goal.row());
    run(index(start.col(), start.row()), target);
    return settled(target) ? Optional.of(pathTo(target)) : Optional.empty();
  }

  /**
   * Settles every cell reachable from start (Dijkstra order), so {@link #pathTo(GridCell)} answers
   * for any cell afterwards. Returns false when the start is blocked.
   */
  boolean flood(GridCell start) {
    if (octileHeuristic) {
      throw new IllegalStateException("a flood needs the zero heuristic");
    }
    if (!isFree(start)) {
      begin();
      return false;
    }
    run(index(start.col(), start.row()), -1);
    return true;
  }

  /** After {@link #flood}, the cheapest path to a cell, or empty when it was not reached. */
  Optional<GridPath> pathTo(GridCell cell) {
    if (!isFree(cell)) {
      return Optional.empty();
    }
    int node = index(cell.col(), cell.row());
    return settled(node) ? Optional.of(pathTo(node)) : Optional.empty();
  }

  private boolean isFree(GridCell cell) {
    return cell.col() >= 0
        && cell.row() >= 0
        && cell.col() < width
        && cell.row() < height
        && free[index(cell.col(), cell.row())];
  }

  private int index(int col, int row) {
    return (row + 1) * stride + col + 1;
  }

  private boolean settled(int node) {
    return stampOf[node] == stamp && heapIndex[node] == CLOSED;
  }

  private void begin() {
    expanded = 0;
    heapSize = 0;
    if (stamp == Integer.MAX_VALUE) {
      Arrays.fill(stampOf, 0);
      stamp = 0;
    }
    stamp++;
  }

  private void run(int start, int target) {
    begin();
    open(start, 0, -1);
    while (heapSize > 0) {
      int node = pop();
      expanded++;
      if (node == target) {
        return;
      }
      double base = costSoFar[node];
      for (int k = 0; k < 8; k++) {
        int next = node + offsets[k];
        if (!free[next] || (k >= 4 && !(free[node + sideA[k]] && free[node + sideB[k]]))) {
          continue;
        }
        double cost = base + costs[k];
        if (stampOf[next] != stamp) {
          open(next, cost, node);
        } else if (heapIndex[next] != CLOSED && cost < costSoFar[next]) {
          // A consistent heuristic never reopens a closed cell, so only open ones improve.
          costSoFar[next] = cost;
          priority[next] = cost + heuristic(next);
          parent[next] = node;
          siftUp(heapIndex[next], next);
        }
      }
    }
  }

  private void open(int node, double cost, int from) {
    stampOf[node] = stamp;
    costSoFar[node] = cost;
    parent[node] = from;
    priority[node] = cost + heuristic(node);
    heapSize++;
    siftUp(heapSize - 1, node);
  }

  /** Octile distance to the goal: exact cost on an empty grid, so admissible and consistent. */
  private double heuristic(int node) {
    if (!octileHeuristic) {
      return 0;
    }
    int dx = Math.abs(node % stride - 1 - goalCol);
    int dy = Math.abs(node / stride - 1 - goalRow);
    return dx + dy - DIAGONAL_SAVING * Math.min(dx, dy);
  }

  /** Lower priority first; on a tie the deeper entry, which is nearer the goal, so A* dives. */
  private boolean before(double priorityA, double costA, int b) {
    double priorityB = heapPriority[b];
    return priorityA < priorityB || (priorityA == priorityB && costA > heapCost[b]);
  }

  /** Moves a node, whose keys were just set, up from a heap position to where it belongs. */
  private void siftUp(int position, int node) {
    double p = priority[node];
    double c = costSoFar[node];
    int i = position;
    while (i > 0) {
      int up = (i - 1) >>> 1;
      if (!before(p, c, up)) {
        break;
      }
      place(i, heap[up], heapPriority[up], heapCost[up]);
      i = up;
    }
    place(i, node, p, c);
  }

  private int pop() {
    int top = heap[0];
    heapIndex[top] = CLOSED;
    heapSize--;
    if (heapSize > 0) {
      int last = heapSize;
      int node = heap[last];
      double p = heapPriority[last];
      double c = heapCost[last];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= heapSize) {
          break;
        }
        if (child + 1 < heapSize && before(heapPriority[child + 1], heapCost[child + 1], child)) {
          child++;
        }
        if (!lessThan(child, p, c)) {
          break;
        }
        place(i, heap[child], heapPriority[child], heapCost[child]);
        i = child;
      }
      place(i, node, p, c);
    }
    return top;
  }

  /** Whether the entry at a heap position comes before the given keys. */
  private boolean lessThan(int position, double p, double c) {
    double q = heapPriority[position];
    return q < p || (q == p && heapCost[position] > c);
  }

  private void place(int position, int node, double p, double c) {
    heap[position] = node;
    heapPriority[position] = p;
    heapCost[position] = c;
    heapIndex[node] = position;
  }

  private GridPath pathTo(int node) {
    List<GridCell> cells = new ArrayList<>();
    for (int n = node; n >= 0; n = parent[n]) {
      cells.add(new GridCell(n % stride - 1, n / stride - 1));
    }
    Collections.reverse(cells);
    return new GridPath(cells, costSoFar[node]);
  }
}
