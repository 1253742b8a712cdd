package dev.llmos.sim.camera;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaObject;
import dev.llmos.sim.arena.Box;
import dev.llmos.sim.arena.Cylinder;
import dev.llmos.sim.arena.Wall;
import dev.llmos.sim.geometry.ArenaGeometry;
import dev.llmos.sim.geometry.RayHit;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders what a level pinhole camera sees in an arena: a floor with grid lines every {@value
 * #GRID_SPACING_M} m, tape and pads on it, walls, boxes and cylinders with their heights and
 * colours, balls as shaded spheres and beacons as posts with coloured tops. One ray per image
 * column finds every solid along it (nearest first); each solid fills the rows between its top and
 * its foot, nearer ones hiding farther ones. Pure arithmetic on the arena: the same pose gives the
 * same pixels, and nothing needs a display (no {@code java.awt.headless} required; a CLI may still
 * set it).
 *
 * <p>Camera frame: the pose's heading is the optical axis; image column 0 looks to the left (+y),
 * row 0 is the top. The horizon is the middle row because the camera is level.
 *
 * <p>Not thread-safe: one renderer per thread (it reuses a column buffer).
 */
public final class CameraRenderer {
  /** Where the reference robot's camera sits: about 6 cm above the floor. */
  public static final double DEFAULT_MOUNT_HEIGHT_M = 0.06;

  /** How far ahead of the robot's centre the camera sits: the front face of the 8 cm cube. */
  public static final double DEFAULT_FORWARD_OFFSET_M = 0.04;

  public static final double GRID_SPACING_M = 0.5;

  /** Nothing farther than this is drawn. */
  public static final double MAX_RANGE_M = 30;

  private static final int FLOOR = 0xD2CCBE;
  private static final int GRID_LINE = 0x9A968C;
  private static final int OUTSIDE_FLOOR = 0x7A7A78;
  private static final int SKY_TOP = 0xC8D4E0;
  private static final int SKY_HORIZON = 0xE6EAEE;
  private static final int FOG = 0xDCE0E4;
  private static final int BEACON_POST = 0x505050;
  private static final double FOG_HALF_M = 10;
  private static final double BEACON_TOP_FRACTION = 0.3;
  // Light comes from above-left of the world's x axis; faces turned away still get ambient light.
  private static final double LIGHT_X = 0.6;
  private static final double LIGHT_Y = 0.8;

  private final ArenaGeometry geometry;
  private final int width;
  private final int height;
  private final double horizontalFovRad;
  private final double mountHeightM;
  private final double focalPx;
  private final double centreRow;
  private final double tallestM;
  private final double[] columnSlope;
  private final double[] rowDepthM;
  private final boolean[] covered;

  /**
   * @param geometry the arena to see
   * @param width image width, pixels
   * @param height image height, pixels
   * @param horizontalFovRad horizontal field of view, radians, in (0, π)
   * @param mountHeightM lens height above the floor, metres
   */
  public CameraRenderer(
      ArenaGeometry geometry, int width, int height, double horizontalFovRad, double mountHeightM) {
    if (width < 1 || height < 1 || width > 8192 || height > 8192) {
      throw new IllegalArgumentException(
          "image size must be 1 to 8192 pixels a side, got " + width + "x" + height);
    }
    if (!(horizontalFovRad > 0 && horizontalFovRad < Math.PI)) {
      throw new IllegalArgumentException(
          "horizontal field of view must be in (0, π) radians, got " + horizontalFovRad);
    }
    if (!(mountHeightM > 0)) {
      throw new IllegalArgumentException("mount height must be positive, got " + mountHeightM);
    }
    this.geometry = geometry;
    this.width = width;
    this.height = height;
    this.horizontalFovRad = horizontalFovRad;
    this.mountHeightM = mountHeightM;
    this.focalPx = width / 2.0 / StrictMath.tan(horizontalFovRad / 2);
    this.centreRow = height / 2.0;
    this.tallestM = tallest(geometry.arena());
    this.columnSlope = new double[width];
    for (int c = 0; c < width; c++) {
      columnSlope[c] = (width / 2.0 - (c + 0.5)) / focalPx;
    }
    this.rowDepthM = new double[height];
    for (int r = 0; r < height; r++) {
      double below = r + 0.5 - centreRow;
      rowDepthM[r] = below > 0 ? focalPx * mountHeightM / below : Double.POSITIVE_INFINITY;
    }
    this.covered = new boolean[height];
  }

  /** A renderer for a camera as the HAL describes it. */
  public CameraRenderer(ArenaGeometry geometry, CameraSpec spec, double mountHeightM) {
    this(geometry, spec.width(), spec.height(), spec.horizontalFovRad(), mountHeightM);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double horizontalFovRad() {
    return horizontalFovRad;
  }

  public double mountHeightM() {
    return mountHeightM;
  }

  /** The image row of the horizon, as a fractional pixel coordinate (rows grow downwards). */
  public double horizonRow() {
    return centreRow;
  }

  /** Where a camera sits on a robot at {@code robotPose}: {@code forwardM} ahead, same heading. */
  public static Pose2d mountedOn(Pose2d robotPose, double forwardM) {
    Translation2d ahead = new Translation2d(forwardM, 0).rotateBy(robotPose.heading());
    return new Pose2d(robotPose.translation().plus(ahead), robotPose.heading());
  }

  /** Renders the view from {@code cameraPose} into a new RGB image. */
  public BufferedImage render(Pose2d cameraPose) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    render(cameraPose, ((DataBufferInt) image.getRaster().getDataBuffer()).getData());
    return image;
  }

  /**
   * Renders the view into {@code pixels}, row-major 0xRRGGBB, {@code width * height} long.
   *
   * @throws IllegalArgumentException if the array has the wrong length
   */
  public void render(Pose2d cameraPose, int[] pixels) {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException(
          "need "
              + width * height
              + " pixels for "
              + width
              + "x"
              + height
              + ", got "
              + pixels.length);
    }
    double ox = cameraPose.xM();
    double oy = cameraPose.yM();
    double cos = StrictMath.cos(cameraPose.heading().radians());
    double sin = StrictMath.sin(cameraPose.heading().radians());
    for (int c = 0; c < width; c++) {
      double k = columnSlope[c];
      double norm = Math.sqrt(1 + k * k);
      double fx = cos - k * sin;
      double fy = sin + k * cos;
      double dx = fx / norm;
      double dy = fy / norm;
      Arrays.fill(covered, false);
      int col = c;
      geometry.castRayHits(
          ox, oy, dx, dy, MAX_RANGE_M, hit -> drawSolid(hit, ox, oy, dx, dy, norm, col, pixels));
      for (int r = 0; r < height; r++) {
        if (!covered[r]) {
          pixels[r * width + c] = r + 0.5 > centreRow ? floorColour(r, ox, oy, fx, fy) : sky(r);
        }
      }
    }
  }

  /** Draws one solid into column {@code c}; returns whether farther solids could still show. */
  private boolean drawSolid(
      RayHit hit, double ox, double oy, double dx, double dy, double norm, int c, int[] pixels) {
    double depth = hit.distanceM() / norm;
    if (depth <= 0) {
      // The lens is inside a solid: it sees only that.
      fillColumn(c, shade(hit.colour().packed(), 0.5, 0), pixels);
      return false;
    }
    if (hit.kind() == RayHit.Kind.OBJECT) {
      ArenaObject o = geometry.arena().objects().get(hit.index());
      if (o.shape() == ArenaObject.Shape.BALL) {
        drawBall(o, ox, oy, dx, dy, norm, c, pixels);
        return true;
      }
      double split = o.heightM() * (1 - BEACON_TOP_FRACTION);
      double light = lambert(hit);
      fillRows(c, depth, 0, split, shade(BEACON_POST, light, hit.distanceM()), pixels);
      fillRows(
          c, depth, split, o.heightM(), shade(o.colour().packed(), light, hit.distanceM()), pixels);
    } else {
      int colour = shade(hit.colour().packed(), lambert(hit), hit.distanceM());
      fillRows(c, depth, 0, hit.heightM(), colour, pixels);
    }
    // Nothing farther can rise above a solid at least as tall as every other.
    return !(hit.heightM() >= tallestM && hit.heightM() >= mountHeightM);
  }

  private void drawBall(
      ArenaObject ball,
      double ox,
      double oy,
      double dx,
      double dy,
      double norm,
      int c,
      int[] pixels) {
    double r = ball.radiusM();
    double cx = ball.position().xM() - ox;
    double cy = ball.position().yM() - oy;
    double along = cx * dx + cy * dy;
    double across = cx * dy - cy * dx;
    double halfChord = Math.sqrt(Math.max(0, r * r - across * across));
    double depth = along / norm;
    if (depth <= 0) {
      return;
    }
    int top = firstRow(depth, r + halfChord);
    int bottom = lastRow(depth, r - halfChord);
    double u = across / r;
    int base = ball.colour().packed();
    for (int row = Math.max(0, top); row <= Math.min(height - 1, bottom); row++) {
      if (covered[row]) {
        continue;
      }
      covered[row] = true;
      // Height of this pixel's ray where it passes the ball, for the sphere's normal.
      double h = mountHeightM + (centreRow - (row + 0.5)) * depth / focalPx;
      double v = (h - r) / r;
      double facing = Math.sqrt(Math.max(0, 1 - u * u - v * v));
      double light = 0.35 + 0.5 * facing + 0.15 * Math.max(0, v);
      pixels[row * width + c] = shade(base, light, along);
    }
  }

  private void fillRows(int c, double depth, double fromM, double toM, int colour, int[] pixels) {
    int top = Math.max(0, firstRow(depth, toM));
    int bottom = Math.min(height - 1, lastRow(depth, fromM));
    for (int row = top; row <= bottom; row++) {
      if (!covered[row]) {
        covered[row] = true;
        pixels[row * width + c] = colour;
      }
    }
  }

  private void fillColumn(int c, int colour, int[] pixels) {
    for (int row = 0; row < height; row++) {
      if (!covered[row]) {
        covered[row] = true;
        pixels[row * width + c] = colour;
      }
    }
  }

  /** The first row whose centre lies at or below height {@code hM} seen at {@code depth}. */
  private int firstRow(double depth, double hM) {
    double y = centreRow - focalPx * (hM - mountHeightM) / depth;
    return (int) Math.ceil(Math.max(-1, y) - 0.5);
  }

  /** The last row whose centre lies at or above height {@code hM} seen at {@code depth}. */
  private int lastRow(double depth, double hM) {
    double y = centreRow - focalPx * (hM - mountHeightM) / depth;
    return (int) Math.floor(Math.min(height + 1, y) - 0.5);
  }

  private int floorColour(int row, double ox, double oy, double fx, double fy) {
    double depth = rowDepthM[row];
    double x = ox + depth * fx;
    double y = oy + depth * fy;
    Arena arena = geometry.arena();
    int colour;
    if (x < 0 || y < 0 || x > arena.widthM() || y > arena.heightM()) {
      colour = OUTSIDE_FLOOR;
    } else {
      int mark = geometry.floorMarkAt(x, y);
      if (mark >= 0) {
        colour = mark;
      } else {
        // Lines at least about a pixel wide, so the grid stays visible towards the horizon.
        double halfLineM = Math.max(0.005, 0.6 * depth / focalPx);
        colour = nearGridLine(x, halfLineM) || nearGridLine(y, halfLineM) ? GRID_LINE : FLOOR;
      }
    }
    return shade(colour, 1, depth * Math.sqrt(fx * fx + fy * fy));
  }

  private static boolean nearGridLine(double v, double halfLineM) {
    double offset = v - GRID_SPACING_M * Math.rint(v / GRID_SPACING_M);
    return Math.abs(offset) <= halfLineM;
  }

  private int sky(int row) {
    double t = centreRow > 0 ? (row + 0.5) / centreRow : 1;
    return mix(SKY_TOP, SKY_HORIZON, Math.min(1, t));
  }

  private static double lambert(RayHit hit) {
    double facing = Math.abs(hit.normalX() * LIGHT_X + hit.normalY() * LIGHT_Y);
    return 0.6 + 0.4 * facing;
  }

  /** Scales a colour by {@code light} and fades it into the fog with distance. */
  private static int shade(int rgb, double light, double distanceM) {
    double keep = FOG_HALF_M / (FOG_HALF_M + distanceM);
    int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * light);
    int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * light);
    int b = (int) Math.min(255, (rgb & 0xff) * light);
    return mix(FOG, (r << 16) | (g << 8) | b, keep);
  }

  /** {@code a} where {@code t} is 0, {@code b} where it is 1. */
  private static int mix(int a, int b, double t) {
    int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
    int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
    int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
    return (r << 16) | (g << 8) | bl;
  }

  private static double tallest(Arena arena) {
    double h = 0;
    for (Wall w : arena.walls()) {
      h = Math.max(h, w.heightM());
    }
    for (Box b : arena.boxes()) {
      h = Math.max(h, b.heightM());
    }
    for (Cylinder c : arena.cylinders()) {
      h = Math.max(h, c.heightM());
    }
    for (ArenaObject o : arena.objects()) {
      h = Math.max(h, o.heightM());
    }
    return h;
  }

  /**
   * Encodes an image as JPEG.
   *
   * @param quality 0 (smallest) to 1 (best)
   */
  public static byte[] encodeJpeg(BufferedImage image, float quality) {
    if (!(quality >= 0 && quality <= 1)) {
      throw new IllegalArgumentException("JPEG quality must be 0 to 1, got " + quality);
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this Java runtime has no JPEG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
