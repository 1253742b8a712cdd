package dev.llmos.sim.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.arena.ArenaLoader;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CameraRendererTest {
  private static final int W = 320;
  private static final int H = 240;
  private static final double FOV = Math.toRadians(90);

  private static CameraRenderer camera(String yaml) {
    Arena arena = ArenaLoader.parse("test.yaml", yaml);
    return new CameraRenderer(
        ArenaGeometry.of(arena), W, H, FOV, CameraRenderer.DEFAULT_MOUNT_HEIGHT_M);
  }

  private static boolean isRed(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return r > 120 && r > 2 * g && r > 2 * b;
  }

  private static boolean isBlue(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int b = rgb & 0xff;
    return b > 120 && b > 2 * r;
  }

  private static int countColumns(BufferedImage image, int fromCol, int toCol, boolean red) {
    int columns = 0;
    for (int c = fromCol; c < toCol; c++) {
      for (int r = 0; r < H; r++) {
        int rgb = image.getRGB(c, r) & 0xffffff;
        if (red ? isRed(rgb) : isBlue(rgb)) {
          columns++;
          break;
        }
      }
    }
    return columns;
  }

  @Test
  void aRedBallStraightAheadIsRedInTheCentreColumns() {
    CameraRenderer cam =
        camera(
            """
            size: {width: 3, height: 3}
            objects:
              - {label: red-ball, shape: ball, position: [1.0, 1.5], radius: 0.035, colour: red}
            starts: [{x: 0.5, y: 1.5}]
            """);
    BufferedImage image = cam.render(new Pose2d(0.5, 1.5, Rotation2d.ZERO));
    assertThat(isRed(image.getRGB(W / 2, H / 2) & 0xffffff)).isTrue();
    assertThat(countColumns(image, W / 2 - 5, W / 2 + 5, true)).isEqualTo(10);
    assertThat(countColumns(image, 0, W / 2 - 40, true)).isZero();
    assertThat(countColumns(image, W / 2 + 40, W, true)).isZero();
    // The ball rests on the floor: its lowest (shaded, darker) red row is its foot, right under
    // its centre 0.5 m ahead.
    int lowest = -1;
    for (int r = 0; r < H; r++) {
      int rgb = image.getRGB(W / 2, r);
      if (((rgb >> 16) & 0xff) > 2 * ((rgb >> 8) & 0xff) + 10) {
        lowest = r;
      }
    }
    double focal = W / 2.0 / Math.tan(FOV / 2);
    double footRow = H / 2.0 + focal * 0.06 / 0.5;
    assertThat(lowest).isBetween((int) footRow - 2, (int) footRow);

    // Turned a quarter to the left, the ball is out of view.
    BufferedImage away = cam.render(new Pose2d(0.5, 1.5, Rotation2d.ofDegrees(90)));
    assertThat(countColumns(away, 0, W, true)).isZero();
  }

  @Test
  void aWallOnTheLeftShowsOnTheLeftOfTheImage() {
    CameraRenderer cam =
        camera(
            """
            size: {width: 3, height: 3}
            walls: [{from: [0.5, 1.8], to: [2.5, 1.8], colour: blue}]
            starts: [{x: 1, y: 1.5}]
            """);
    BufferedImage image = cam.render(new Pose2d(1.0, 1.5, Rotation2d.ZERO));
    assertThat(countColumns(image, 0, 60, false)).isEqualTo(60);
    assertThat(countColumns(image, W / 2, W, false)).isZero();
    // Looking the other way, it is on the right.
    BufferedImage back = cam.render(new Pose2d(2.0, 1.5, Rotation2d.ofDegrees(180)));
    assertThat(countColumns(back, W - 60, W, false)).isEqualTo(60);
    assertThat(countColumns(back, 0, W / 2, false)).isZero();
  }

  @Test
  void theHorizonIsTheMiddleRowForALevelCamera() {
    // A box twice the lens height spans rows symmetric about the horizon.
    CameraRenderer cam =
        camera(
            """
            size: {width: 6, height: 3}
            boundary: false
            boxes: [{centre: [2.0, 1.5], size: [0.2, 0.6], height: 0.12, colour: blue}]
            starts: [{x: 0.5, y: 1.5}]
            """);
    BufferedImage image = cam.render(new Pose2d(0.5, 1.5, Rotation2d.ZERO));
    int top = -1;
    int bottom = -1;
    for (int r = 0; r < H; r++) {
      if (isBlue(image.getRGB(W / 2, r) & 0xffffff)) {
        top = top < 0 ? r : top;
        bottom = r;
      }
    }
    assertThat(top).isPositive();
    assertThat((top + bottom + 1) / 2.0).isEqualTo(cam.horizonRow());
    // Beside the box: sky (bluish) just above the horizon, floor (warm) below it.
    int sky = image.getRGB(5, H / 2 - 1);
    int floor = image.getRGB(5, H / 2 + 20);
    assertThat(sky & 0xff).isGreaterThan((sky >> 16) & 0xff);
    assertThat((floor >> 16) & 0xff).isGreaterThanOrEqualTo(floor & 0xff);
  }

  @Test
  void theSamePoseGivesIdenticalPixels() {
    Arena office = ArenaCatalog.load("office");
    CameraRenderer a =
        new CameraRenderer(ArenaGeometry.of(office), new CameraSpec(W, H, FOV), 0.06);
    CameraRenderer b =
        new CameraRenderer(ArenaGeometry.of(office), new CameraSpec(W, H, FOV), 0.06);
    Pose2d pose = new Pose2d(1.2, 3.2, Rotation2d.ofDegrees(-30));
    int[] first = new int[W * H];
    int[] second = new int[W * H];
    a.render(pose, first);
    a.render(new Pose2d(3, 1, Rotation2d.ZERO), second);
    assertThat(second).isNotEqualTo(first);
    a.render(pose, second);
    assertThat(second).isEqualTo(first);
    b.render(pose, second);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theJpegDecodesBackAtTheRightSize() throws IOException {
    Arena obstacles = ArenaCatalog.load("obstacles");
    CameraRenderer cam = new CameraRenderer(ArenaGeometry.of(obstacles), 160, 120, FOV, 0.06);
    BufferedImage image =
        cam.render(
            CameraRenderer.mountedOn(
                obstacles.starts().get(0), CameraRenderer.DEFAULT_FORWARD_OFFSET_M));
    byte[] jpeg = CameraRenderer.encodeJpeg(image, 0.8f);
    assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(decoded.getWidth()).isEqualTo(160);
    assertThat(decoded.getHeight()).isEqualTo(120);
    assertThat(CameraRenderer.encodeJpeg(image, 0.2f).length).isLessThan(jpeg.length);
  }

  @Test
  void theCameraSitsOnTheRobotsFrontFace() {
    Pose2d cam = CameraRenderer.mountedOn(new Pose2d(1, 1, Rotation2d.ofDegrees(90)), 0.04);
    assertThat(cam.xM()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(cam.yM()).isCloseTo(1.04, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void badSettingsAreRefused() {
    ArenaGeometry g = ArenaGeometry.of(ArenaCatalog.load("empty-room"));
    assertThatThrownBy(() -> new CameraRenderer(g, 0, 240, FOV, 0.06))
        .hasMessageContaining("image size");
    assertThatThrownBy(() -> new CameraRenderer(g, 320, 240, Math.PI, 0.06))
        .hasMessageContaining("field of view");
    assertThatThrownBy(() -> new CameraRenderer(g, 320, 240, FOV, 0))
        .hasMessageContaining("mount height");
    CameraRenderer cam = new CameraRenderer(g, 320, 240, FOV, 0.06);
    assertThatThrownBy(() -> cam.render(Pose2d.ORIGIN, new int[10])).hasMessageContaining("76800");
  }
}
