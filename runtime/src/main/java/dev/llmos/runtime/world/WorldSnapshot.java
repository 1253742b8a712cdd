package dev.llmos.runtime.world;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.hal.robot.RangeSensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The binary snapshot of a {@link WorldModel}, big-endian:
 *
 * <pre>
 * "LLWM" magic, format version (byte, 1)
 * id (UTF), version (long)
 * origin x, origin y, resolution (doubles), width, height (ints)
 * log-odds model (6 doubles), inflation radius, sensor offset (doubles), path capacity (int)
 * sensors: count (int), then angle rad, min m, max m (doubles) each
 * own layer
 * sources: count (int), then id (UTF), version (long), trust (double), contribution layer each
 * objects: count (int), then label (UTF), x, y, confidence, last seen (doubles), sightings (int)
 * path: count (int), then time, x, y, heading rad (doubles) each
 * CRC-32 of everything before it (int)
 * </pre>
 *
 * A layer is its length (int) and the deflated cells, row-major, each log-odds quantised to a byte
 * as {@code round(l * 127 / max(|min|, |max|))}: unknown space is zeros and compresses to little.
 */
final class WorldSnapshot {
  private static final int MAGIC = 0x4C4C574D;
  private static final byte FORMAT = 1;
  private static final int MAX_LIST = 1 << 20;

  private WorldSnapshot() {}

  static byte[] encode(WorldModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeByte(FORMAT);
      out.writeUTF(model.id());
      out.writeLong(model.version());
      GridGeometry g = model.geometry();
      out.writeDouble(g.originXM());
      out.writeDouble(g.originYM());
      out.writeDouble(g.resolutionM());
      out.writeInt(g.widthCells());
      out.writeInt(g.heightCells());
      LogOddsModel m = model.logOddsModel();
      out.writeDouble(m.hitLogOdds());
      out.writeDouble(m.missLogOdds());
      out.writeDouble(m.minLogOdds());
      out.writeDouble(m.maxLogOdds());
      out.writeDouble(m.occupiedAboveLogOdds());
      out.writeDouble(m.freeBelowLogOdds());
      out.writeDouble(model.inflationRadiusM());
      out.writeDouble(model.sensorOffsetM());
      out.writeInt(model.pathCapacity());
      out.writeInt(model.sensors().size());
      for (RangeSensor sensor : model.sensors()) {
        out.writeDouble(sensor.angle().radians());
        out.writeDouble(sensor.minRangeM());
        out.writeDouble(sensor.maxRangeM());
      }
      double scale = scale(m);
      writeLayer(out, model.ownLayer(), scale);
      List<WorldModel.Source> sources = model.sourceList();
      out.writeInt(sources.size());
      for (WorldModel.Source source : sources) {
        out.writeUTF(source.id());
        out.writeLong(source.version());
        out.writeDouble(source.trust());
        writeLayer(out, source.contribution(), scale);
      }
      List<DetectedObject> objects = model.objects();
      out.writeInt(objects.size());
      for (DetectedObject o : objects) {
        out.writeUTF(o.label());
        out.writeDouble(o.position().xM());
        out.writeDouble(o.position().yM());
        out.writeDouble(o.confidence());
        out.writeDouble(o.lastSeenS());
        out.writeInt(o.sightings());
      }
      List<PathPoint> path = model.path();
      out.writeInt(path.size());
      for (PathPoint p : path) {
        out.writeDouble(p.timeS());
        out.writeDouble(p.pose().xM());
        out.writeDouble(p.pose().yM());
        out.writeDouble(p.pose().heading().radians());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    byte[] body = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
  }

  /** Quantisation steps per unit of log-odds: the larger clamp bound maps to 127. */
  private static double scale(LogOddsModel m) {
    return 127 / Math.max(-m.minLogOdds(), m.maxLogOdds());
  }

  private static void writeLayer(DataOutputStream out, float[] layer, double scale)
      throws IOException {
    byte[] quantised = new byte[layer.length];
    for (int i = 0; i < layer.length; i++) {
      quantised[i] = (byte) Math.max(-127, Math.min(127, Math.round(layer[i] * scale)));
    }
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(quantised);
      deflater.finish();
      ByteArrayOutputStream packed = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        packed.write(buffer, 0, deflater.deflate(buffer));
      }
      out.writeInt(packed.size());
      packed.writeTo(out);
    } finally {
      deflater.end();
    }
  }

  static WorldModel decode(byte[] snapshot) {
    if (snapshot == null || snapshot.length < 9) {
      throw bad("too short to be a snapshot");
    }
    int bodyLength = snapshot.length - 4;
    CRC32 crc = new CRC32();
    crc.update(snapshot, 0, bodyLength);
    int stored = ByteBuffer.wrap(snapshot, bodyLength, 4).getInt();
    if (ByteBuffer.wrap(snapshot).getInt() != MAGIC) {
      throw bad("not a world snapshot (bad magic)");
    }
    if (stored != (int) crc.getValue()) {
      throw bad("checksum mismatch: the snapshot is corrupt or truncated");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot, 4, bodyLength - 4));
    try {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw bad(
            "format version " + format + " is not supported (this build reads " + FORMAT + ")");
      }
      String id = in.readUTF();
      long version = in.readLong();
      GridGeometry geometry =
          new GridGeometry(
              in.readDouble(), in.readDouble(), in.readDouble(), in.readInt(), in.readInt());
      LogOddsModel model =
          new LogOddsModel(
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble());
      double inflationRadiusM = in.readDouble();
      double sensorOffsetM = in.readDouble();
      int pathCapacity = in.readInt();
      int sensorCount = count(in, "sensor");
      List<RangeSensor> sensors = new ArrayList<>();
      for (int i = 0; i < sensorCount; i++) {
        sensors.add(
            new RangeSensor(
                Rotation2d.ofRadians(in.readDouble()), in.readDouble(), in.readDouble()));
      }
      WorldModel world =
          new WorldModel(
              id, geometry, model, inflationRadiusM, sensors, sensorOffsetM, pathCapacity);
      double scale = scale(model);
      float[] own = readLayer(in, geometry.cellCount(), scale, "own layer");
      int sourceCount = count(in, "source");
      for (int i = 0; i < sourceCount; i++) {
        String sourceId = in.readUTF();
        long sourceVersion = in.readLong();
        double trust = in.readDouble();
        float[] contribution =
            readLayer(in, geometry.cellCount(), scale, "layer of source '" + sourceId + "'");
        world.addSource(new WorldModel.Source(sourceId, sourceVersion, trust, contribution));
      }
      int objectCount = count(in, "object");
      List<DetectedObject> objects = new ArrayList<>();
      for (int i = 0; i < objectCount; i++) {
        objects.add(
            new DetectedObject(
                in.readUTF(),
                new Translation2d(in.readDouble(), in.readDouble()),
                in.readDouble(),
                in.readDouble(),
                in.readInt()));
      }
      int pathCount = count(in, "path point");
      List<PathPoint> path = new ArrayList<>();
      for (int i = 0; i < pathCount; i++) {
        double timeS = in.readDouble();
        path.add(
            new PathPoint(
                timeS,
                new Pose2d(
                    in.readDouble(), in.readDouble(), Rotation2d.ofRadians(in.readDouble()))));
      }
      if (in.available() != 0) {
        throw bad(in.available() + " bytes left over after the path");
      }
      world.restore(version, own, objects, path);
      return world;
    } catch (EOFException e) {
      throw bad("truncated: the data ends early");
    } catch (IOException e) {
      throw bad("unreadable: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("world snapshot:")) {
        throw e;
      }
      throw bad(e.getMessage());
    }
  }

  private static int count(DataInputStream in, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_LIST) {
      throw bad(what + " count " + n + " is out of range");
    }
    return n;
  }

  private static float[] readLayer(DataInputStream in, int cells, double scale, String what)
      throws IOException {
    int packedLength = in.readInt();
    if (packedLength < 0 || packedLength > in.available()) {
      throw bad(what + ": length " + packedLength + " runs past the end");
    }
    byte[] packed = new byte[packedLength];
    in.readFully(packed);
    byte[] quantised = new byte[cells];
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(packed);
      int filled = 0;
      while (filled < cells && !inflater.finished()) {
        int n = inflater.inflate(quantised, filled, cells - filled);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        filled += n;
      }
      if (filled == cells && !inflater.finished() && inflater.inflate(new byte[1]) != 0) {
        filled++;
      }
      if (filled != cells || !inflater.finished() || inflater.getRemaining() != 0) {
        throw bad(what + ": expected " + cells + " cells, the data does not hold exactly that");
      }
    } catch (DataFormatException e) {
      throw bad(what + ": " + e.getMessage());
    } finally {
      inflater.end();
    }
    float[] layer = new float[cells];
    for (int i = 0; i < cells; i++) {
      layer[i] = (float) (quantised[i] / scale);
    }
    return layer;
  }

  private static IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("world snapshot: " + why);
  }
}
