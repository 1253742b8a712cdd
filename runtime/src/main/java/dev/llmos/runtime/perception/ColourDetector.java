package dev.llmos.runtime.perception;

import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.telemetry.CameraFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.imageio.ImageIO;

/**
 * A classical detector: finds objects of known colours by segmenting pixels on hue and saturation
 * (which survive shading and distance haze, as brightness does not), grouping them into 8-connected
 * components and keeping, per label, the largest component that fits the object's shape.
 *
 * <p>Depth assumes a level pinhole camera {@code mountHeightM} above a flat floor, with the horizon
 * on the middle row: a {@link ObjectModel.Shape#BALL ball} by its apparent diameter ({@link
 * DepthMethod#KNOWN_SIZE}), a {@link ObjectModel.Shape#PAD pad} by where its edge meets the floor
 * ({@link DepthMethod#FLOOR_POSITION}), a {@link ObjectModel.Shape#BEACON beacon} by its box area
 * against a square of its size ({@link DepthMethod#BOX_AREA}). Shape checks reject look-alikes: a
 * pad must lie wholly below the horizon (a green post of the dock's colour rises above it), and a
 * ball's size must agree with where it touches the floor (a red box of the ball's colour is too big
 * for its distance).
 *
 * <p>Immutable and thread-safe; the same pixels give the same detections.
 */
public final class ColourDetector implements Perception {
  public static final String NAME = "colour-segmentation";

  /** Smaller components are noise: a 7 cm ball at 3 m still covers about 30 pixels at 320×240. */
  public static final int DEFAULT_MIN_AREA_PX = 12;

  // Below these, hue is dominated by JPEG noise: floor, walls, sky and shadows.
  private static final int MIN_CHROMA = 24;
  private static final int MIN_VALUE = 40;
  // Haze mixes colours towards grey; a pixel keeps counting down to this share of the model's
  // saturation, but never below the absolute floor.
  private static final double SATURATION_SHARE = 0.4;
  private static final double SATURATION_FLOOR = 0.2;
  // How far a ball's size-based and floor-based depths may disagree before it is not a ball.
  private static final double BALL_DEPTH_AGREEMENT = 1.5;

  private final List<ObjectModel> models;
  private final double mountHeightM;
  private final int minAreaPx;
  private final LongSupplier nanoTime;
  private final double[] modelHueDeg;
  private final double[] modelMinSaturation;

  /**
   * @param models what to look for; labels must be unique
   * @param mountHeightM lens height above the floor, metres
   * @param minAreaPx smallest component counted, pixels
   * @param nanoTime the clock that times each frame's processing, nanoseconds (a fixed one makes
   *     the reported latency reproducible)
   */
  public ColourDetector(
      List<ObjectModel> models, double mountHeightM, int minAreaPx, LongSupplier nanoTime) {
    this.models = List.copyOf(models);
    Set<String> labels = new HashSet<>();
    for (ObjectModel m : this.models) {
      if (!labels.add(m.label())) {
        throw new IllegalArgumentException("two object models share the label " + m.label());
      }
    }
    if (!(mountHeightM > 0 && mountHeightM < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "mount height must be positive metres, got " + mountHeightM);
    }
    if (minAreaPx < 1) {
      throw new IllegalArgumentException("minimum area must be at least 1 pixel, got " + minAreaPx);
    }
    this.mountHeightM = mountHeightM;
    this.minAreaPx = minAreaPx;
    this.nanoTime = nanoTime;
    int n = this.models.size();
    this.modelHueDeg = new double[n];
    this.modelMinSaturation = new double[n];
    for (int i = 0; i < n; i++) {
      ObjectModel m = this.models.get(i);
      modelHueDeg[i] = m.hueDeg();
      modelMinSaturation[i] =
          Math.max(SATURATION_FLOOR, SATURATION_SHARE * ObjectModel.saturation(m.rgb()));
    }
  }

  /** A detector with the default minimum area, timed by {@link System#nanoTime()}. */
  public ColourDetector(List<ObjectModel> models, double mountHeightM) {
    this(models, mountHeightM, DEFAULT_MIN_AREA_PX, System::nanoTime);
  }

  public List<ObjectModel> models() {
    return models;
  }

  @Override
  public VisionFrame perceive(CameraFrame frame, CameraSpec spec) {
    long start = nanoTime.getAsLong();
    if (frame.width() != spec.width() || frame.height() != spec.height()) {
      throw new IllegalArgumentException(
          "frame "
              + frame.frameId()
              + " is "
              + frame.width()
              + "x"
              + frame.height()
              + " but the camera is "
              + spec.width()
              + "x"
              + spec.height());
    }
    BufferedImage image = decode(frame);
    int w = frame.width();
    int h = frame.height();
    int[] pixels = image.getRGB(0, 0, w, h, new int[w * h], 0, w);
    List<Detection> detections = detect(pixels, w, h, spec.horizontalFovRad());
    double latencyMs = (nanoTime.getAsLong() - start) / 1e6;
    return new VisionFrame(
        frame.frameId(), frame.timeS(), w, h, detections, NAME, Math.max(0, latencyMs));
  }

  private static BufferedImage decode(CameraFrame frame) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(frame.jpeg()));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "frame " + frame.frameId() + ": JPEG could not be decoded: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IllegalArgumentException("frame " + frame.frameId() + ": not a JPEG image");
    }
    if (image.getWidth() != frame.width() || image.getHeight() != frame.height()) {
      throw new IllegalArgumentException(
          "frame "
              + frame.frameId()
              + " says "
              + frame.width()
              + "x"
              + frame.height()
              + " but its JPEG is "
              + image.getWidth()
              + "x"
              + image.getHeight());
    }
    return image;
  }

  /**
   * Finds the known objects in an image.
   *
   * @param pixels row-major 0xRRGGBB (any alpha byte is ignored), {@code width * height} long
   * @param horizontalFovRad the camera's horizontal field of view, radians
   * @return at most one detection per model, most confident first
   */
  public List<Detection> detect(int[] pixels, int width, int height, double horizontalFovRad) {
    if (width < 1 || height < 1 || pixels.length != width * height) {
      throw new IllegalArgumentException(
          "need " + width + "x" + height + " pixels, got " + pixels.length);
    }
    if (!(horizontalFovRad > 0 && horizontalFovRad < Math.PI)) {
      throw new IllegalArgumentException(
          "horizontal field of view must be in (0, π) radians, got " + horizontalFovRad);
    }
    int n = pixels.length;
    int[] modelOf = new int[n];
    float[] hueError = new float[n];
    classify(pixels, modelOf, hueError);

    Camera camera =
        new Camera(width, height, width / 2.0 / Math.tan(horizontalFovRad / 2), mountHeightM);
    Component[] best = new Component[models.size()];
    boolean[] visited = new boolean[n];
    int[] queue = new int[n];
    for (int start = 0; start < n; start++) {
      if (modelOf[start] < 0 || visited[start]) {
        continue;
      }
      Component c = grow(start, modelOf, hueError, visited, queue, width, height);
      if (c.areaPx < minAreaPx) {
        continue;
      }
      int m = c.model;
      if ((best[m] == null || c.areaPx > best[m].areaPx) && fitsShape(models.get(m), c, camera)) {
        best[m] = c;
      }
    }
    List<Detection> detections = new ArrayList<>();
    for (int m = 0; m < best.length; m++) {
      if (best[m] != null) {
        detections.add(toDetection(models.get(m), best[m], camera));
      }
    }
    detections.sort(
        Comparator.comparingDouble(Detection::confidence)
            .reversed()
            .thenComparing(Detection::label));
    return detections;
  }

  /** Marks each pixel with the model whose hue it matches best, or -1. */
  private void classify(int[] pixels, int[] modelOf, float[] hueError) {
    for (int i = 0; i < pixels.length; i++) {
      modelOf[i] = -1;
      int p = pixels[i];
      int r = (p >> 16) & 0xff;
      int g = (p >> 8) & 0xff;
      int b = p & 0xff;
      int max = Math.max(r, Math.max(g, b));
      int min = Math.min(r, Math.min(g, b));
      if (max - min < MIN_CHROMA || max < MIN_VALUE) {
        continue;
      }
      double saturation = (double) (max - min) / max;
      double hue = ObjectModel.hue(r, g, b);
      double bestShare = Double.POSITIVE_INFINITY;
      for (int m = 0; m < modelHueDeg.length; m++) {
        double off = Math.abs(hue - modelHueDeg[m]);
        off = Math.min(off, 360 - off);
        double share = off / models.get(m).hueToleranceDeg();
        if (share <= 1 && saturation >= modelMinSaturation[m] && share < bestShare) {
          bestShare = share;
          modelOf[i] = m;
          hueError[i] = (float) share;
        }
      }
    }
  }

  /** Floods the 8-connected pixels of one model from {@code start}. */
  private static Component grow(
      int start,
      int[] modelOf,
      float[] hueError,
      boolean[] visited,
      int[] queue,
      int width,
      int height) {
    int model = modelOf[start];
    Component c = new Component(model, start % width, start / width);
    int head = 0;
    int tail = 0;
    queue[tail++] = start;
    visited[start] = true;
    while (head < tail) {
      int i = queue[head++];
      int x = i % width;
      int y = i / width;
      c.add(x, y, hueError[i]);
      for (int dy = -1; dy <= 1; dy++) {
        int ny = y + dy;
        if (ny < 0 || ny >= height) {
          continue;
        }
        for (int dx = -1; dx <= 1; dx++) {
          int nx = x + dx;
          if (nx < 0 || nx >= width) {
            continue;
          }
          int j = ny * width + nx;
          if (!visited[j] && modelOf[j] == model) {
            visited[j] = true;
            queue[tail++] = j;
          }
        }
      }
    }
    return c;
  }

  private static boolean fitsShape(ObjectModel model, Component c, Camera camera) {
    return switch (model.shape()) {
      // A disc on the floor shows only below the horizon.
      case PAD -> c.minRow + 0.5 > camera.horizonRow();
      case BALL -> {
        if (c.maxRow == camera.height - 1) {
          // Its foot is out of view: nothing to check its size against.
          yield true;
        }
        double bySize = camera.depthOfWidth(c.diameterPx(), model.sizeM());
        double byFloor = camera.depthOfFloorRow(c.maxRow + 1.0);
        yield byFloor > 0
            && bySize < byFloor * BALL_DEPTH_AGREEMENT
            && byFloor < bySize * BALL_DEPTH_AGREEMENT;
      }
      case BEACON -> true;
    };
  }

  private Detection toDetection(ObjectModel model, Component c, Camera camera) {
    double centreCol = (c.minCol + c.maxCol + 1) / 2.0;
    double slope = (camera.width / 2.0 - centreCol) / camera.focalPx;
    // Depths below are along the optical axis; the slant to the box centre turns them into range.
    double slant = Math.sqrt(1 + slope * slope);
    DepthMethod method;
    double depthM;
    switch (model.shape()) {
      case BALL -> {
        method = DepthMethod.KNOWN_SIZE;
        depthM = camera.depthOfWidth(c.diameterPx(), model.sizeM()) * slant;
      }
      case PAD -> {
        method = DepthMethod.FLOOR_POSITION;
        double radiusM = model.sizeM() / 2;
        depthM =
            c.maxRow < camera.height - 1
                ? camera.depthOfFloorRow(c.maxRow + 1.0) * slant + radiusM
                // The near edge is out of view: measure from the far edge instead.
                : Math.max(radiusM, camera.depthOfFloorRow(c.minRow) * slant - radiusM);
      }
      case BEACON -> {
        method = DepthMethod.BOX_AREA;
        double boxAreaPx = (double) c.widthPx() * c.heightPx();
        depthM = camera.focalPx * model.sizeM() / Math.sqrt(boxAreaPx) * slant;
      }
      default -> throw new AssertionError(model.shape());
    }
    double areaScore = 1 - Math.exp(-c.areaPx / (4.0 * minAreaPx));
    double colourScore = 1 - c.hueErrorSum / c.areaPx;
    double confidence = Math.min(1, Math.max(0, areaScore * (0.5 + 0.5 * colourScore)));
    BoundingBox bbox =
        BoundingBox.ofPixels(c.minCol, c.minRow, c.maxCol, c.maxRow, camera.width, camera.height);
    return new Detection(model.label(), confidence, bbox, depthM, method, Math.atan(slope));
  }

  /** A level pinhole camera; rows and columns as fractional pixel coordinates. */
  private record Camera(int width, int height, double focalPx, double mountHeightM) {
    double horizonRow() {
      return height / 2.0;
    }

    /** Depth along the axis of something {@code sizeM} wide that looks {@code sizePx} wide. */
    double depthOfWidth(double sizePx, double sizeM) {
      return focalPx * sizeM / sizePx;
    }

    /** Depth along the axis of the floor seen at {@code row}; not positive at or above horizon. */
    double depthOfFloorRow(double row) {
      double below = row - horizonRow();
      return below > 0 ? focalPx * mountHeightM / below : -1;
    }
  }

  /** One connected set of pixels of one model. */
  private static final class Component {
    final int model;
    int minCol;
    int maxCol;
    int minRow;
    int maxRow;
    int areaPx;
    double hueErrorSum;

    Component(int model, int col, int row) {
      this.model = model;
      this.minCol = col;
      this.maxCol = col;
      this.minRow = row;
      this.maxRow = row;
    }

    void add(int col, int row, float hueError) {
      minCol = Math.min(minCol, col);
      maxCol = Math.max(maxCol, col);
      minRow = Math.min(minRow, row);
      maxRow = Math.max(maxRow, row);
      areaPx++;
      hueErrorSum += hueError;
    }

    int widthPx() {
      return maxCol - minCol + 1;
    }

    int heightPx() {
      return maxRow - minRow + 1;
    }

    /** A ball's diameter: its larger extent, as one side may be cut by the image edge. */
    double diameterPx() {
      return Math.max(widthPx(), heightPx());
    }
  }
}
