package dev.llmos.hal.protocol;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.ChassisSpeeds;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.CaptureFrame;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.ReadSensors;
import dev.llmos.hal.command.Reset;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.hal.telemetry.Battery;
import dev.llmos.hal.telemetry.Imu;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payload layouts of docs/protocol.md, both ways. Scales: 1000 turns metres into mm, radians
 * into mrad and seconds into ms; 10000 turns a fraction into 1/10000 (permyriad); 1e6 turns metres
 * into µm.
 */
final class MessageCodec {
  static final double MILLI = 1000.0;
  static final double MICRO = 1_000_000.0;
  static final double PERMYRIAD = 10_000.0;

  static final int FLAG_BUMPER = 1;
  static final int FLAG_MOVING = 1 << 1;
  static final int FLAG_EMERGENCY_LATCHED = 1 << 2;
  static final int FLAG_WATCHDOG_TRIPPED = 1 << 3;
  private static final int FLAGS_DEFINED = 0x0F;

  private MessageCodec() {}

  static void write(Message message, PayloadWriter w) {
    if (message instanceof HelloRequest) {
      return;
    } else if (message instanceof Hello h) {
      writeHello(h, w);
    } else if (message instanceof Heartbeat h) {
      w.u32(h.hostTimeMs());
    } else if (message instanceof CommandMessage c) {
      writeCommand(c.command(), w);
    } else if (message instanceof Ack a) {
      w.u16(a.commandSeq());
    } else if (message instanceof Nack n) {
      w.u16(n.commandSeq());
      w.u8(n.reason().code());
    } else if (message instanceof TelemetryMessage t) {
      writeTelemetry(t.telemetry(), w);
    } else if (message instanceof EventMessage e) {
      writeEvent(e.event(), w);
    } else if (message instanceof FrameChunk c) {
      writeChunk(c, w);
    } else {
      throw new IllegalArgumentException("no layout for " + message);
    }
  }

  static Message read(MessageType type, PayloadReader r) {
    Message message = readBody(type, r);
    r.requireEnd();
    return message;
  }

  private static Message readBody(MessageType type, PayloadReader r) {
    return switch (type) {
      case HELLO_REQUEST -> new HelloRequest();
      case HELLO -> readHello(r);
      case HEARTBEAT -> new Heartbeat(r.u32("host_time_ms"));
      case COMMAND -> new CommandMessage(readCommand(r));
      case ACK -> new Ack(r.u16("command_seq"));
      case NACK -> readNack(r);
      case TELEMETRY -> new TelemetryMessage(readTelemetry(r));
      case EVENT -> readEvent(r);
      case FRAME_CHUNK -> readChunk(r);
    };
  }

  private static void writeHello(Hello h, PayloadWriter w) {
    Capabilities c = h.capabilities();
    w.u8(h.protocolVersion());
    w.fixedU16(c.watchdogTimeoutS(), MILLI, "watchdogTimeoutS");
    w.fixedU32(c.trackWidthM(), MICRO, "trackWidthM");
    w.fixedU32(c.wheelDiameterM(), MICRO, "wheelDiameterM");
    w.u32(c.ticksPerRevolution());
    w.fixedU16(c.maxWheelSpeedMps(), MILLI, "maxWheelSpeedMps");
    if (c.lineSensorCount() < 0 || c.lineSensorCount() > 0xFF) {
      throw new IllegalArgumentException(
          "lineSensorCount must be within 0–255, got " + c.lineSensorCount());
    }
    w.u8(c.lineSensorCount());
    Optional<CameraSpec> camera = c.camera();
    if (camera.isPresent()) {
      CameraSpec spec = camera.get();
      if (spec.width() > 0xFFFF || spec.height() > 0xFFFF) {
        throw new IllegalArgumentException("a camera's width and height must be at most 65535");
      }
      w.u16(spec.width());
      w.u16(spec.height());
      w.fixedU16(spec.horizontalFovRad(), MILLI, "camera.horizontalFovRad");
    } else {
      w.u16(0);
      w.u16(0);
      w.u16(0);
    }
    List<RangeSensor> sensors = c.rangeSensors();
    if (sensors.size() > 0xFF) {
      throw new IllegalArgumentException("at most 255 range sensors, got " + sensors.size());
    }
    w.u8(sensors.size());
    for (RangeSensor s : sensors) {
      w.fixedI16(s.angle().radians(), MILLI, "rangeSensor.angle");
      w.fixedU16(s.minRangeM(), MILLI, "rangeSensor.minRangeM");
      w.fixedU16(s.maxRangeM(), MILLI, "rangeSensor.maxRangeM");
    }
    w.string8(c.robotId(), "robotId");
    w.string8(c.model(), "model");
    w.string8(c.firmwareVersion(), "firmwareVersion");
  }

  private static Hello readHello(PayloadReader r) {
    int version = r.u8("protocol_version");
    double watchdogS = r.u16("watchdog_timeout_ms") / MILLI;
    double trackM = r.u32("track_width_um") / MICRO;
    double wheelM = r.u32("wheel_diameter_um") / MICRO;
    long ticks = r.u32("ticks_per_revolution");
    if (ticks > Integer.MAX_VALUE) {
      throw new PayloadException(DropReason.MALFORMED_PAYLOAD, "ticks_per_revolution too large");
    }
    double maxSpeed = r.u16("max_wheel_speed_mmps") / MILLI;
    int lineSensors = r.u8("line_sensor_count");
    int camWidth = r.u16("camera_width");
    int camHeight = r.u16("camera_height");
    int camFov = r.u16("camera_hfov_mrad");
    Optional<CameraSpec> camera;
    if (camWidth == 0 && camHeight == 0 && camFov == 0) {
      camera = Optional.empty();
    } else {
      camera = Optional.of(new CameraSpec(camWidth, camHeight, camFov / MILLI));
    }
    int count = r.u8("range_sensor_count");
    List<RangeSensor> sensors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double angle = r.i16("range_sensor.angle_mrad") / MILLI;
      double min = r.u16("range_sensor.min_range_mm") / MILLI;
      double max = r.u16("range_sensor.max_range_mm") / MILLI;
      sensors.add(new RangeSensor(Rotation2d.ofRadians(angle), min, max));
    }
    String robotId = r.string8("robot_id");
    String model = r.string8("model");
    String firmware = r.string8("firmware_version");
    return new Hello(
        version,
        new Capabilities(
            robotId,
            model,
            firmware,
            trackM,
            wheelM,
            (int) ticks,
            maxSpeed,
            watchdogS,
            sensors,
            lineSensors,
            camera));
  }

  private static void writeCommand(Command command, PayloadWriter w) {
    CommandCode code = CommandCode.of(command);
    w.u8(code.code());
    if (command instanceof DriveWheels d) {
      w.fixedI16(d.speeds().leftMps(), MILLI, "leftMps");
      w.fixedI16(d.speeds().rightMps(), MILLI, "rightMps");
      w.fixedU16(d.durationS(), MILLI, "durationS");
    } else if (command instanceof Twist t) {
      w.fixedI16(t.speeds().vxMps(), MILLI, "vxMps");
      w.fixedI16(t.speeds().omegaRadps(), MILLI, "omegaRadps");
      w.fixedU16(t.durationS(), MILLI, "durationS");
    } else if (command instanceof MoveDistance m) {
      w.fixedI32(m.distanceM(), MILLI, "distanceM");
      w.fixedI16(m.speedMps(), MILLI, "speedMps");
    } else if (command instanceof Rotate rot) {
      w.fixedI32(rot.angleRad(), MILLI, "angleRad");
      w.fixedI16(rot.rateRadps(), MILLI, "rateRadps");
    } else if (command instanceof SetLed led) {
      w.fixedU8(led.red(), 1, "red");
      w.fixedU8(led.green(), 1, "green");
      w.fixedU8(led.blue(), 1, "blue");
    }
  }

  private static Command readCommand(PayloadReader r) {
    int opcode = r.u8("opcode");
    CommandCode code =
        CommandCode.ofCode(opcode)
            .orElseThrow(
                () -> new PayloadException(DropReason.UNKNOWN_COMMAND, "opcode " + opcode));
    return switch (code) {
      case DRIVE_WHEELS -> {
        double left = r.i16("left_mmps") / MILLI;
        double right = r.i16("right_mmps") / MILLI;
        yield new DriveWheels(new WheelSpeeds(left, right), r.u16("duration_ms") / MILLI);
      }
      case TWIST -> {
        double v = r.i16("v_mmps") / MILLI;
        double omega = r.i16("omega_mradps") / MILLI;
        yield new Twist(new ChassisSpeeds(v, omega), r.u16("duration_ms") / MILLI);
      }
      case MOVE_DISTANCE -> {
        double distance = r.i32("distance_mm") / MILLI;
        yield new MoveDistance(distance, r.i16("speed_mmps") / MILLI);
      }
      case ROTATE -> {
        double angle = r.i32("angle_mrad") / MILLI;
        yield new Rotate(angle, r.i16("rate_mradps") / MILLI);
      }
      case STOP -> new Stop();
      case EMERGENCY_STOP -> new EmergencyStop();
      case RESET -> new Reset();
      case SET_LED -> {
        int red = r.u8("red");
        int green = r.u8("green");
        yield new SetLed(red, green, r.u8("blue"));
      }
      case CAPTURE_FRAME -> new CaptureFrame();
      case READ_SENSORS -> new ReadSensors();
    };
  }

  private static Nack readNack(PayloadReader r) {
    int seq = r.u16("command_seq");
    int code = r.u8("reason");
    NackReason reason =
        NackReason.ofCode(code)
            .orElseThrow(
                () ->
                    new PayloadException(
                        DropReason.MALFORMED_PAYLOAD, "unknown nack reason " + code));
    return new Nack(seq, reason);
  }

  private static void writeTelemetry(Telemetry t, PayloadWriter w) {
    w.fixedU32(t.timeS(), MILLI, "timeS");
    w.fixedI32(t.pose().xM(), MILLI, "pose.xM");
    w.fixedI32(t.pose().yM(), MILLI, "pose.yM");
    w.fixedI32(t.pose().heading().radians(), MILLI, "pose.heading");
    w.fixedI16(t.wheels().leftMps(), MILLI, "wheels.leftMps");
    w.fixedI16(t.wheels().rightMps(), MILLI, "wheels.rightMps");
    w.saturatedI32(t.leftTicks());
    w.saturatedI32(t.rightTicks());
    w.fixedI16(t.imu().yawRateRadps(), MILLI, "imu.yawRateRadps");
    w.fixedI16(t.imu().accelXMps2(), MILLI, "imu.accelXMps2");
    w.fixedI16(t.imu().accelYMps2(), MILLI, "imu.accelYMps2");
    w.fixedU16(t.battery().voltageV(), MILLI, "battery.voltageV");
    w.fixedU16(t.battery().charge(), PERMYRIAD, "battery.charge");
    RobotStatus s = t.status();
    int flags =
        (t.bumper() ? FLAG_BUMPER : 0)
            | (s.moving() ? FLAG_MOVING : 0)
            | (s.emergencyLatched() ? FLAG_EMERGENCY_LATCHED : 0)
            | (s.watchdogTripped() ? FLAG_WATCHDOG_TRIPPED : 0);
    w.u8(flags);
    w.fixedU16(s.collisions(), 1, "status.collisions");
    List<Double> ranges = t.rangesM();
    if (ranges.size() > 0xFF) {
      throw new IllegalArgumentException("at most 255 ranges, got " + ranges.size());
    }
    w.u8(ranges.size());
    for (double range : ranges) {
      w.fixedU16(range, MILLI, "rangesM");
    }
    List<Double> lines = t.lineSensors();
    if (lines.size() > 0xFF) {
      throw new IllegalArgumentException("at most 255 line sensors, got " + lines.size());
    }
    w.u8(lines.size());
    for (double line : lines) {
      w.fixedU16(line, PERMYRIAD, "lineSensors");
    }
  }

  private static Telemetry readTelemetry(PayloadReader r) {
    double timeS = r.u32("time_ms") / MILLI;
    double x = r.i32("x_mm") / MILLI;
    double y = r.i32("y_mm") / MILLI;
    double heading = r.i32("heading_mrad") / MILLI;
    double left = r.i16("left_mmps") / MILLI;
    double right = r.i16("right_mmps") / MILLI;
    long leftTicks = r.i32("left_ticks");
    long rightTicks = r.i32("right_ticks");
    double yawRate = r.i16("yaw_rate_mradps") / MILLI;
    double accelX = r.i16("accel_x_mmps2") / MILLI;
    double accelY = r.i16("accel_y_mmps2") / MILLI;
    double voltage = r.u16("battery_mv") / MILLI;
    double charge = r.u16("battery_charge_pmy") / PERMYRIAD;
    int flags = r.u8("flags");
    if ((flags & ~FLAGS_DEFINED) != 0) {
      throw new PayloadException(DropReason.MALFORMED_PAYLOAD, "reserved flag bits set");
    }
    int collisions = r.u16("collisions");
    int rangeCount = r.u8("range_count");
    List<Double> ranges = new ArrayList<>(rangeCount);
    for (int i = 0; i < rangeCount; i++) {
      ranges.add(r.u16("range_mm") / MILLI);
    }
    int lineCount = r.u8("line_count");
    List<Double> lines = new ArrayList<>(lineCount);
    for (int i = 0; i < lineCount; i++) {
      lines.add(r.u16("line_pmy") / PERMYRIAD);
    }
    return new Telemetry(
        timeS,
        new Pose2d(x, y, Rotation2d.ofRadians(heading)),
        new WheelSpeeds(left, right),
        leftTicks,
        rightTicks,
        ranges,
        new Imu(yawRate, accelX, accelY),
        (flags & FLAG_BUMPER) != 0,
        lines,
        new Battery(voltage, charge),
        new RobotStatus(
            (flags & FLAG_MOVING) != 0,
            (flags & FLAG_EMERGENCY_LATCHED) != 0,
            (flags & FLAG_WATCHDOG_TRIPPED) != 0,
            collisions));
  }

  private static void writeEvent(RobotEvent e, PayloadWriter w) {
    w.fixedU32(e.timeS(), MILLI, "event.timeS");
    w.u8(e.kind().code());
    w.string8Truncated(e.message());
  }

  private static EventMessage readEvent(PayloadReader r) {
    double timeS = r.u32("time_ms") / MILLI;
    // A kind this host does not know reads as LOG, so a newer robot's events still show.
    RobotEvent.Kind kind = RobotEvent.Kind.ofCode(r.u8("kind"));
    return new EventMessage(new RobotEvent(timeS, kind, r.string8("text")));
  }

  private static void writeChunk(FrameChunk c, PayloadWriter w) {
    w.u16(c.frameId());
    w.u16(c.chunkIndex());
    w.u16(c.chunkCount());
    w.u16(c.width());
    w.u16(c.height());
    w.u32(c.timeMs());
    byte[] data = c.data();
    w.bytes(data, 0, data.length);
  }

  private static FrameChunk readChunk(PayloadReader r) {
    int frameId = r.u16("frame_id");
    int index = r.u16("chunk_index");
    int count = r.u16("chunk_count");
    int width = r.u16("width");
    int height = r.u16("height");
    long timeMs = r.u32("time_ms");
    byte[] data = r.bytes(r.remaining(), "data");
    return new FrameChunk(frameId, index, count, width, height, timeMs, data);
  }
}
