package dev.llmos.hal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The test vectors' language-neutral meaning of a message: the wire's own integers (mm, mrad, ms,
 * 1/10000) under the field names of docs/protocol.md. A second, independent reading of the spec, so
 * the vectors check the codec rather than repeat it.
 */
final class VectorJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();

  private VectorJson() {}

  private static long milli(double si) {
    return Math.round(si * 1000);
  }

  private static long permyriad(double fraction) {
    return Math.round(fraction * 10_000);
  }

  static ObjectNode toJson(Message m) {
    ObjectNode o = MAPPER.createObjectNode();
    if (m instanceof Hello h) {
      Capabilities c = h.capabilities();
      o.put("protocol_version", h.protocolVersion());
      o.put("watchdog_timeout_ms", milli(c.watchdogTimeoutS()));
      o.put("track_width_um", Math.round(c.trackWidthM() * 1e6));
      o.put("wheel_diameter_um", Math.round(c.wheelDiameterM() * 1e6));
      o.put("ticks_per_revolution", c.ticksPerRevolution());
      o.put("max_wheel_speed_mmps", milli(c.maxWheelSpeedMps()));
      o.put("line_sensor_count", c.lineSensorCount());
      if (c.camera().isPresent()) {
        ObjectNode cam = o.putObject("camera");
        cam.put("width", c.camera().get().width());
        cam.put("height", c.camera().get().height());
        cam.put("hfov_mrad", milli(c.camera().get().horizontalFovRad()));
      } else {
        o.putNull("camera");
      }
      ArrayNode sensors = o.putArray("range_sensors");
      for (RangeSensor s : c.rangeSensors()) {
        ObjectNode n = sensors.addObject();
        n.put("angle_mrad", milli(s.angle().radians()));
        n.put("min_range_mm", milli(s.minRangeM()));
        n.put("max_range_mm", milli(s.maxRangeM()));
      }
      o.put("robot_id", c.robotId());
      o.put("model", c.model());
      o.put("firmware_version", c.firmwareVersion());
    } else if (m instanceof Heartbeat h) {
      o.put("host_time_ms", h.hostTimeMs());
    } else if (m instanceof CommandMessage c) {
      commandToJson(c.command(), o);
    } else if (m instanceof Ack a) {
      o.put("command_seq", a.commandSeq());
    } else if (m instanceof Nack n) {
      o.put("command_seq", n.commandSeq());
      o.put("reason", n.reason().name());
    } else if (m instanceof TelemetryMessage tm) {
      telemetryToJson(tm.telemetry(), o);
    } else if (m instanceof EventMessage e) {
      o.put("time_ms", milli(e.event().timeS()));
      o.put("kind", e.event().kind().name());
      o.put("text", e.event().message());
    } else if (m instanceof FrameChunk c) {
      o.put("frame_id", c.frameId());
      o.put("chunk_index", c.chunkIndex());
      o.put("chunk_count", c.chunkCount());
      o.put("width", c.width());
      o.put("height", c.height());
      o.put("time_ms", c.timeMs());
      o.put("data_hex", HEX.formatHex(c.data()));
    }
    return o;
  }

  private static void commandToJson(Command c, ObjectNode o) {
    o.put("command", CommandCode.of(c).name());
    if (c instanceof DriveWheels d) {
      o.put("left_mmps", milli(d.speeds().leftMps()));
      o.put("right_mmps", milli(d.speeds().rightMps()));
      o.put("duration_ms", milli(d.durationS()));
    } else if (c instanceof Twist t) {
      o.put("v_mmps", milli(t.speeds().vxMps()));
      o.put("omega_mradps", milli(t.speeds().omegaRadps()));
      o.put("duration_ms", milli(t.durationS()));
    } else if (c instanceof MoveDistance md) {
      o.put("distance_mm", milli(md.distanceM()));
      o.put("speed_mmps", milli(md.speedMps()));
    } else if (c instanceof Rotate r) {
      o.put("angle_mrad", milli(r.angleRad()));
      o.put("rate_mradps", milli(r.rateRadps()));
    } else if (c instanceof SetLed led) {
      o.put("red", led.red());
      o.put("green", led.green());
      o.put("blue", led.blue());
    }
  }

  private static void telemetryToJson(Telemetry t, ObjectNode o) {
    o.put("time_ms", milli(t.timeS()));
    o.put("x_mm", milli(t.pose().xM()));
    o.put("y_mm", milli(t.pose().yM()));
    o.put("heading_mrad", milli(t.pose().heading().radians()));
    o.put("left_mmps", milli(t.wheels().leftMps()));
    o.put("right_mmps", milli(t.wheels().rightMps()));
    o.put("left_ticks", t.leftTicks());
    o.put("right_ticks", t.rightTicks());
    o.put("yaw_rate_mradps", milli(t.imu().yawRateRadps()));
    o.put("accel_x_mmps2", milli(t.imu().accelXMps2()));
    o.put("accel_y_mmps2", milli(t.imu().accelYMps2()));
    o.put("battery_mv", milli(t.battery().voltageV()));
    o.put("battery_charge_pmy", permyriad(t.battery().charge()));
    o.put("bumper", t.bumper());
    o.put("moving", t.status().moving());
    o.put("emergency_latched", t.status().emergencyLatched());
    o.put("watchdog_tripped", t.status().watchdogTripped());
    o.put("collisions", t.status().collisions());
    ArrayNode ranges = o.putArray("ranges_mm");
    t.rangesM().forEach(r -> ranges.add(milli(r)));
    ArrayNode lines = o.putArray("line_sensors_pmy");
    t.lineSensors().forEach(l -> lines.add(permyriad(l)));
  }

  private static double si(JsonNode n, String field) {
    return n.get(field).asLong() / 1000.0;
  }

  static Message fromJson(MessageType type, JsonNode n) {
    return switch (type) {
      case HELLO_REQUEST -> new HelloRequest();
      case HELLO -> helloFromJson(n);
      case HEARTBEAT -> new Heartbeat(n.get("host_time_ms").asLong());
      case COMMAND -> new CommandMessage(commandFromJson(n));
      case ACK -> new Ack(n.get("command_seq").asInt());
      case NACK ->
          new Nack(n.get("command_seq").asInt(), NackReason.valueOf(n.get("reason").asText()));
      case TELEMETRY -> new TelemetryMessage(telemetryFromJson(n));
      case EVENT ->
          new EventMessage(
              new RobotEvent(
                  si(n, "time_ms"),
                  RobotEvent.Kind.valueOf(n.get("kind").asText()),
                  n.get("text").asText()));
      case FRAME_CHUNK ->
          new FrameChunk(
              n.get("frame_id").asInt(),
              n.get("chunk_index").asInt(),
              n.get("chunk_count").asInt(),
              n.get("width").asInt(),
              n.get("height").asInt(),
              n.get("time_ms").asLong(),
              HEX.parseHex(n.get("data_hex").asText()));
    };
  }

  private static Hello helloFromJson(JsonNode n) {
    List<RangeSensor> sensors = new ArrayList<>();
    for (JsonNode s : n.get("range_sensors")) {
      sensors.add(
          new RangeSensor(
              Rotation2d.ofRadians(si(s, "angle_mrad")),
              si(s, "min_range_mm"),
              si(s, "max_range_mm")));
    }
    JsonNode cam = n.get("camera");
    Optional<CameraSpec> camera =
        cam.isNull()
            ? Optional.empty()
            : Optional.of(
                new CameraSpec(
                    cam.get("width").asInt(), cam.get("height").asInt(), si(cam, "hfov_mrad")));
    return new Hello(
        n.get("protocol_version").asInt(),
        new Capabilities(
            n.get("robot_id").asText(),
            n.get("model").asText(),
            n.get("firmware_version").asText(),
            n.get("track_width_um").asLong() / 1e6,
            n.get("wheel_diameter_um").asLong() / 1e6,
            n.get("ticks_per_revolution").asInt(),
            si(n, "max_wheel_speed_mmps"),
            si(n, "watchdog_timeout_ms"),
            sensors,
            n.get("line_sensor_count").asInt(),
            camera));
  }

  private static Command commandFromJson(JsonNode n) {
    return switch (CommandCode.valueOf(n.get("command").asText())) {
      case DRIVE_WHEELS ->
          new DriveWheels(
              new WheelSpeeds(si(n, "left_mmps"), si(n, "right_mmps")), si(n, "duration_ms"));
      case TWIST -> new Twist(si(n, "v_mmps"), si(n, "omega_mradps"), si(n, "duration_ms"));
      case MOVE_DISTANCE -> new MoveDistance(si(n, "distance_mm"), si(n, "speed_mmps"));
      case ROTATE -> new Rotate(si(n, "angle_mrad"), si(n, "rate_mradps"));
      case STOP -> new Stop();
      case EMERGENCY_STOP -> new EmergencyStop();
      case RESET -> new Reset();
      case SET_LED ->
          new SetLed(n.get("red").asInt(), n.get("green").asInt(), n.get("blue").asInt());
      case CAPTURE_FRAME -> new CaptureFrame();
      case READ_SENSORS -> new ReadSensors();
    };
  }

  private static Telemetry telemetryFromJson(JsonNode n) {
    List<Double> ranges = new ArrayList<>();
    n.get("ranges_mm").forEach(r -> ranges.add(r.asLong() / 1000.0));
    List<Double> lines = new ArrayList<>();
    n.get("line_sensors_pmy").forEach(l -> lines.add(l.asLong() / 10_000.0));
    return new Telemetry(
        si(n, "time_ms"),
        new Pose2d(si(n, "x_mm"), si(n, "y_mm"), Rotation2d.ofRadians(si(n, "heading_mrad"))),
        new WheelSpeeds(si(n, "left_mmps"), si(n, "right_mmps")),
        n.get("left_ticks").asLong(),
        n.get("right_ticks").asLong(),
        ranges,
        new Imu(si(n, "yaw_rate_mradps"), si(n, "accel_x_mmps2"), si(n, "accel_y_mmps2")),
        n.get("bumper").asBoolean(),
        lines,
        new Battery(si(n, "battery_mv"), n.get("battery_charge_pmy").asLong() / 10_000.0),
        new RobotStatus(
            n.get("moving").asBoolean(),
            n.get("emergency_latched").asBoolean(),
            n.get("watchdog_tripped").asBoolean(),
            n.get("collisions").asInt()));
  }
}
