package dev.llmos.hal.protocol;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.CaptureFrame;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named frames covering every message type and every command kind, with values already on the
 * fixed-point grid so that they survive the wire unchanged.
 */
final class SampleMessages {
  private SampleMessages() {}

  static Capabilities referenceRobot() {
    List<RangeSensor> sensors = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sensors.add(new RangeSensor(Rotation2d.ofRadians((i * 785 - 2355) / 1000.0), 0.02, 2.0));
    }
    return new Capabilities(
        "cube-1",
        "llmos-cube-esp32s3",
        "0.1.0",
        0.07,
        0.065,
        1440,
        0.5,
        0.5,
        sensors,
        2,
        Optional.of(new CameraSpec(320, 240, 1.047)));
  }

  static Telemetry telemetry() {
    return new Telemetry(
        12.34,
        new Pose2d(1.25, -0.5, Rotation2d.ofRadians(1.571)),
        new WheelSpeeds(0.2, 0.25),
        12345,
        -678,
        List.of(0.1, 0.25, 2.0, 2.0, 1.5, 0.033, 0.8, 2.0),
        new Imu(0.714, 0.05, -0.02),
        true,
        List.of(0.0, 0.9876),
        new Battery(3.912, 0.8125),
        new RobotStatus(true, false, true, 3));
  }

  /** Name → frame, in a stable order. */
  static Map<String, Frame> all() {
    Map<String, Frame> m = new LinkedHashMap<>();
    m.put("hello-request", new Frame(0, new HelloRequest()));
    m.put("hello", new Frame(0, new Hello(FrameFormat.VERSION, referenceRobot())));
    m.put(
        "hello-no-camera",
        new Frame(
            1,
            new Hello(
                FrameFormat.VERSION,
                new Capabilities(
                    "sim-7",
                    "llmos-sim",
                    "ünïcode-1",
                    0.07,
                    0.065,
                    1,
                    0.3,
                    1.0,
                    List.of(),
                    0,
                    Optional.empty()))));
    m.put("heartbeat", new Frame(1, new Heartbeat(123_456)));
    m.put(
        "command-drive-wheels",
        new Frame(2, new CommandMessage(new DriveWheels(new WheelSpeeds(0.15, -0.15), 1.5))));
    m.put("command-twist", new Frame(3, new CommandMessage(new Twist(0.25, -0.5, 2.0))));
    m.put("command-move-distance", new Frame(4, new CommandMessage(new MoveDistance(-0.3, 0.1))));
    m.put("command-rotate", new Frame(5, new CommandMessage(new Rotate(1.571, 0.8))));
    m.put("command-stop", new Frame(6, new CommandMessage(new Stop())));
    m.put("command-emergency-stop", new Frame(7, new CommandMessage(new EmergencyStop())));
    m.put("command-reset", new Frame(8, new CommandMessage(new Reset())));
    m.put("command-set-led", new Frame(9, new CommandMessage(new SetLed(255, 128, 0))));
    m.put("command-capture-frame", new Frame(10, new CommandMessage(new CaptureFrame())));
    m.put("command-read-sensors", new Frame(11, new CommandMessage(new ReadSensors())));
    m.put("command-seq-wraps", new Frame(65535, new CommandMessage(new Stop())));
    m.put("ack", new Frame(100, new Ack(3)));
    int seq = 101;
    for (NackReason r : NackReason.values()) {
      m.put(
          "nack-" + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          new Frame(seq++, new Nack(4, r)));
    }
    m.put("telemetry", new Frame(200, new TelemetryMessage(telemetry())));
    m.put(
        "event-watchdog-stop",
        new Frame(
            201,
            new EventMessage(
                new RobotEvent(
                    12.5, RobotEvent.Kind.WATCHDOG_STOP, "no heartbeat for 500 ms; motors off"))));
    m.put(
        "event-log",
        new Frame(202, new EventMessage(new RobotEvent(0.0, RobotEvent.Kind.LOG, "boot ok"))));
    m.put(
        "frame-chunk",
        new Frame(
            203,
            new FrameChunk(
                17, 1, 3, 320, 240, 45_000, TestFrames.bytes(0xFF, 0xD8, 0x00, 0x10, 0x4A, 0x00))));
    return m;
  }
}
