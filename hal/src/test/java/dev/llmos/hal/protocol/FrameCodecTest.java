package dev.llmos.hal.protocol;

import static dev.llmos.hal.protocol.TestFrames.bytes;
import static dev.llmos.hal.protocol.TestFrames.concat;
import static dev.llmos.hal.protocol.TestFrames.frame;
import static dev.llmos.hal.protocol.TestFrames.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.command.Twist;
import dev.llmos.hal.telemetry.Battery;
import dev.llmos.hal.telemetry.Imu;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private final FrameEncoder encoder = new FrameEncoder();

  private static TestFrames.Collector decode(byte[] input) {
    TestFrames.Collector c = new TestFrames.Collector();
    new FrameDecoder(c).accept(input);
    return c;
  }

  @Test
  void everySampleRoundTripsWholeAndByteByByte() {
    for (Map.Entry<String, Frame> e : SampleMessages.all().entrySet()) {
      byte[] w = encoder.encode(e.getValue());
      assertThat(decode(w).frames).as(e.getKey()).containsExactly(e.getValue());
      TestFrames.Collector c = new TestFrames.Collector();
      FrameDecoder d = new FrameDecoder(c);
      for (int i = 0; i < w.length; i++) {
        d.accept(w, i, 1);
      }
      assertThat(c.frames).as(e.getKey()).containsExactly(e.getValue());
      assertThat(d.totalDrops()).isZero();
    }
  }

  @Test
  void aHeartbeatHasTheDocumentedBytes() {
    byte[] f = encoder.unstuffed(0x0102, new Heartbeat(0x0A0B0C0DL));
    assertThat(Arrays.copyOf(f, 10))
        .containsExactly(bytes(0x01, 0x03, 0x02, 0x01, 0x04, 0x00, 0x0D, 0x0C, 0x0B, 0x0A));
    assertThat(f).containsExactly(frame(0x03, 0x0102, bytes(0x0D, 0x0C, 0x0B, 0x0A)));
    byte[] w = encoder.encode(0x0102, new Heartbeat(0x0A0B0C0DL));
    assertThat(w[0]).isZero();
    assertThat(w[w.length - 1]).isZero();
  }

  @Test
  void valuesComeBackRoundedToTheWireGrid() {
    Telemetry t =
        new Telemetry(
            1.0004,
            new Pose2d(0.0125, -0.0125, Rotation2d.ofRadians(7.5)),
            new WheelSpeeds(40.0, -40.0),
            5_000_000_000L,
            -5_000_000_000L,
            List.of(Double.POSITIVE_INFINITY, -1.0),
            new Imu(0.0005, -0.0005, 0),
            false,
            List.of(1.5),
            new Battery(-1, 1.0),
            new RobotStatus(false, true, false, 70_000));
    Frame back = decode(encoder.encode(5, new TelemetryMessage(t))).frames.get(0);
    Telemetry r = ((TelemetryMessage) back.message()).telemetry();
    assertThat(r.timeS()).isEqualTo(1.0);
    assertThat(r.pose().xM()).isEqualTo(0.013);
    assertThat(r.pose().yM()).isEqualTo(-0.013);
    assertThat(r.pose().heading().radians()).as("heading is not wrapped").isEqualTo(7.5);
    assertThat(r.wheels()).isEqualTo(new WheelSpeeds(32.767, -32.768));
    assertThat(r.leftTicks()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.rightTicks()).isEqualTo(Integer.MIN_VALUE);
    assertThat(r.rangesM()).containsExactly(65.535, 0.0);
    assertThat(r.imu()).isEqualTo(new Imu(0.001, -0.001, 0));
    assertThat(r.lineSensors()).containsExactly(1.5);
    assertThat(r.battery()).isEqualTo(new Battery(0, 1.0));
    assertThat(r.status()).isEqualTo(new RobotStatus(false, true, false, 65535));
  }

  @Test
  void commandDurationsSaturateAtTheirRange() {
    Frame back =
        decode(encoder.encode(1, new CommandMessage(new Twist(0.1, 0.2, -3)))).frames.get(0);
    assertThat(((CommandMessage) back.message()).command()).isEqualTo(new Twist(0.1, 0.2, 0));
  }

  @Test
  void eventTextIsCutAtACharacterBoundary() {
    String text = "é".repeat(200);
    Frame back =
        decode(
                encoder.encode(
                    1, new EventMessage(new RobotEvent(1, RobotEvent.Kind.COLLISION, text))))
            .frames
            .get(0);
    String got = ((EventMessage) back.message()).event().message();
    assertThat(got).isEqualTo("é".repeat(127));
    assertThat(got.getBytes(StandardCharsets.UTF_8)).hasSize(254);
  }

  @Test
  void anEventKindThisHostDoesNotKnowReadsAsLog() {
    byte[] payload = bytes(0x10, 0, 0, 0, 99, 2, 'h', 'i');
    Frame back = decode(wire(frame(0x21, 9, payload))).frames.get(0);
    assertThat(((EventMessage) back.message()).event())
        .isEqualTo(new RobotEvent(0.016, RobotEvent.Kind.LOG, "hi"));
  }

  @Test
  void theEncoderRefusesWhatTheWireCannotCarry() {
    List<Double> ranges = Collections.nCopies(255, 1.0);
    List<Double> lines = Collections.nCopies(255, 0.5);
    Telemetry tooBig =
        new Telemetry(
            0,
            Pose2d.ORIGIN,
            WheelSpeeds.STOPPED,
            0,
            0,
            ranges,
            Imu.AT_REST,
            false,
            lines,
            new Battery(4, 1),
            RobotStatus.IDLE);
    assertThatThrownBy(() -> encoder.encode(1, new TelemetryMessage(tooBig)))
        .hasMessageContaining("1024");
    Telemetry nan =
        new Telemetry(
            0,
            Pose2d.ORIGIN,
            WheelSpeeds.STOPPED,
            0,
            0,
            List.of(Double.NaN),
            Imu.AT_REST,
            false,
            List.of(),
            new Battery(4, 1),
            RobotStatus.IDLE);
    assertThatThrownBy(() -> encoder.encode(1, new TelemetryMessage(nan)))
        .hasMessageContaining("rangesM");
    assertThatThrownBy(() -> encoder.encode(65536, new HelloRequest())).hasMessageContaining("seq");
    // The encoder is still usable after a refusal.
    assertThat(decode(encoder.encode(2, new HelloRequest())).frames)
        .containsExactly(new Frame(2, new HelloRequest()));
  }

  @Test
  void eachDropReasonIsCountedAndNothingIsDelivered() {
    byte[] heartbeat = bytes(1, 0, 0, 0);
    byte[] good = frame(0x03, 1, heartbeat);
    byte[] badCrc = good.clone();
    badCrc[badCrc.length - 1] ^= 1;
    byte[] oversized = new byte[FrameFormat.MAX_ENCODED_BYTES + 1];
    Arrays.fill(oversized, (byte) 7);
    List<byte[]> inputs = new ArrayList<>();
    List<DropReason> expected = new ArrayList<>();
    inputs.add(concat(bytes(0), oversized, bytes(0)));
    expected.add(DropReason.OVERSIZED);
    inputs.add(bytes(0, 0x05, 0x11, 0x22, 0));
    expected.add(DropReason.BAD_COBS);
    inputs.add(wire(Arrays.copyOf(good, 9)));
    expected.add(DropReason.TRUNCATED);
    inputs.add(wire(Arrays.copyOf(good, good.length - 1)));
    expected.add(DropReason.TRUNCATED);
    inputs.add(wire(frame(1, 0x03, 1, 1025, new byte[1025])));
    expected.add(DropReason.OVERSIZED);
    inputs.add(wire(frame(1, 0x03, 1, 3, heartbeat)));
    expected.add(DropReason.BAD_LENGTH);
    inputs.add(wire(badCrc));
    expected.add(DropReason.BAD_CRC);
    inputs.add(wire(frame(2, 0x03, 1, 4, heartbeat)));
    expected.add(DropReason.BAD_VERSION);
    inputs.add(wire(frame(0x7E, 1, heartbeat)));
    expected.add(DropReason.UNKNOWN_TYPE);
    inputs.add(wire(frame(0x10, 1, bytes(0x42))));
    expected.add(DropReason.UNKNOWN_COMMAND);
    inputs.add(wire(frame(0x03, 1, bytes(1, 0, 0))));
    expected.add(DropReason.MALFORMED_PAYLOAD);
    for (int i = 0; i < inputs.size(); i++) {
      TestFrames.Collector c = new TestFrames.Collector();
      FrameDecoder d = new FrameDecoder(c);
      d.accept(inputs.get(i));
      d.accept(wire(good));
      assertThat(c.drops).as("input %d", i).containsExactly(expected.get(i));
      assertThat(d.drops(expected.get(i))).isEqualTo(1);
      assertThat(d.totalDrops()).isEqualTo(1);
      assertThat(d.dropCounts())
          .hasSize(DropReason.values().length)
          .containsEntry(expected.get(i), 1L)
          .containsValues(0L);
      assertThat(c.frames).as("resynchronised after input %d", i).hasSize(1);
    }
  }

  @Test
  void recordsThatRefuseTheirValuesMakeAMalformedPayload() {
    byte[] telemetry =
        new FrameEncoder().unstuffed(1, new TelemetryMessage(SampleMessages.telemetry()));
    byte[] payload = Arrays.copyOfRange(telemetry, 6, telemetry.length - 4);
    byte[] overCharged = payload.clone();
    overCharged[36] = (byte) 0x11; // charge 0x2711 = 10001 / 10000
    overCharged[37] = (byte) 0x27;
    byte[] reservedFlag = payload.clone();
    reservedFlag[38] |= (byte) 0x80;
    byte[] badUtf8 = bytes(0, 0, 0, 0, 0, 2, 0xC3, 0x28);
    byte[] unknownNack = bytes(1, 0, 0x99);
    for (byte[] f :
        List.of(
            frame(0x20, 1, overCharged),
            frame(0x20, 1, reservedFlag),
            frame(0x21, 1, badUtf8),
            frame(0x12, 1, unknownNack))) {
      TestFrames.Collector c = decode(wire(f));
      assertThat(c.frames).isEmpty();
      assertThat(c.drops).containsExactly(DropReason.MALFORMED_PAYLOAD);
    }
  }

  @Test
  void anIntactButUnreadableCommandIsReportedWithItsSequenceNumber() {
    TestFrames.Collector c =
        decode(concat(wire(frame(0x10, 77, bytes(0x42))), wire(frame(0x10, 78, bytes(0x02, 1)))));
    assertThat(c.rejected)
        .containsExactly("77 COMMAND UNKNOWN_COMMAND", "78 COMMAND MALFORMED_PAYLOAD");
  }

  @Test
  void remembersTheVersionOfAForeignRobot() {
    FrameDecoder d = new FrameDecoder(new TestFrames.Collector());
    assertThat(d.lastForeignVersion()).isEmpty();
    d.accept(wire(frame(3, 0x02, 0, 1, bytes(3))));
    assertThat(d.lastForeignVersion()).contains(3);
  }

  @Test
  void emptyRunsBetweenDelimitersAreNotFrames() {
    FrameDecoder d = new FrameDecoder(new TestFrames.Collector());
    d.accept(new byte[100]);
    assertThat(d.totalDrops()).isZero();
    assertThat(d.frames()).isZero();
  }

  @Test
  void anOversizedRunIsCountedOnceAndSkippedWithoutGrowing() {
    TestFrames.Collector c = new TestFrames.Collector();
    FrameDecoder d = new FrameDecoder(c);
    byte[] junk = new byte[1 << 20];
    Arrays.fill(junk, (byte) 0x55);
    d.accept(junk);
    d.accept(junk);
    assertThat(c.drops).containsExactly(DropReason.OVERSIZED);
    d.accept(encoder.encode(4, new HelloRequest()));
    assertThat(c.frames).containsExactly(new Frame(4, new HelloRequest()));
  }
}
