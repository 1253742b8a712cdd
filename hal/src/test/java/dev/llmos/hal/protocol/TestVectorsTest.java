package dev.llmos.hal.protocol;

import static dev.llmos.hal.protocol.TestFrames.bytes;
import static dev.llmos.hal.protocol.TestFrames.concat;
import static dev.llmos.hal.protocol.TestFrames.frame;
import static dev.llmos.hal.protocol.TestFrames.wire;
import static dev.llmos.hal.protocol.VectorJson.HEX;
import static dev.llmos.hal.protocol.VectorJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The committed test vectors in {@code protocol/test-vectors/} are the reference: every file must
 * decode to its meaning and its meaning must encode to its bytes. Run with {@code
 * -Dllmos.protocol.writeVectors=true} to write them afresh (then review the diff: changed bytes are
 * a protocol change).
 */
class TestVectorsTest {
  static final Path DIR = Path.of("..", "protocol", "test-vectors");

  private record Vector(
      String group,
      String name,
      String description,
      String inputHex,
      List<Frame> frames,
      List<DropReason> drops) {}

  private static Vector vector(
      String group,
      String name,
      String description,
      byte[] input,
      List<Frame> frames,
      List<DropReason> drops) {
    return new Vector(group, name, description, HEX.formatHex(input), frames, drops);
  }

  @Test
  void everyVectorDecodesToItsMeaningAndEncodesToItsBytes() throws IOException {
    List<Path> files = vectorFiles();
    assertThat(files).hasSizeGreaterThan(40);
    FrameEncoder encoder = new FrameEncoder();
    for (Path file : files) {
      JsonNode v = MAPPER.readTree(file.toFile());
      byte[] input = HEX.parseHex(v.get("input_hex").asText());
      List<String> expectedDrops = new ArrayList<>();
      v.get("drops").forEach(d -> expectedDrops.add(d.asText()));
      JsonNode expectedFrames = v.get("frames");
      for (int chunk : new int[] {input.length, 1, 7}) {
        TestFrames.Collector c = new TestFrames.Collector();
        FrameDecoder d = new FrameDecoder(c);
        for (int off = 0; off < input.length; off += chunk) {
          d.accept(input, off, Math.min(chunk, input.length - off));
        }
        assertThat(c.drops).as("%s drops", file).map(Enum::name).isEqualTo(expectedDrops);
        assertThat(c.frames).as("%s frames", file).hasSize(expectedFrames.size());
        for (int i = 0; i < c.frames.size(); i++) {
          Frame got = c.frames.get(i);
          JsonNode want = expectedFrames.get(i);
          assertThat(got.seq()).as("%s seq", file).isEqualTo(want.get("seq").asInt());
          assertThat(got.message().type().name())
              .as("%s type", file)
              .isEqualTo(want.get("type").asText());
          assertThat(normalised(VectorJson.toJson(got.message())))
              .as("%s meaning", file)
              .isEqualTo(want.get("message"));
        }
      }
      for (JsonNode want : expectedFrames) {
        Message m =
            VectorJson.fromJson(
                MessageType.valueOf(want.get("type").asText()), want.get("message"));
        int seq = want.get("seq").asInt();
        assertThat(HEX.formatHex(encoder.encode(seq, m)))
            .as("%s wire", file)
            .isEqualTo(want.get("wire_hex").asText());
        assertThat(HEX.formatHex(encoder.unstuffed(seq, m)))
            .as("%s frame", file)
            .isEqualTo(want.get("frame_hex").asText());
      }
    }
  }

  @Test
  void theVectorsCoverEveryTypeCommandAndDropReason() throws IOException {
    Set<String> types = new java.util.HashSet<>();
    Set<String> commands = new java.util.HashSet<>();
    Set<String> drops = new java.util.HashSet<>();
    for (Path file : vectorFiles()) {
      JsonNode v = MAPPER.readTree(file.toFile());
      v.get("drops").forEach(d -> drops.add(d.asText()));
      for (JsonNode f : v.get("frames")) {
        types.add(f.get("type").asText());
        if (f.get("message").has("command")) {
          commands.add(f.get("message").get("command").asText());
        }
      }
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(names(MessageType.class));
    assertThat(commands).containsExactlyInAnyOrderElementsOf(names(CommandCode.class));
    assertThat(drops).containsExactlyInAnyOrderElementsOf(names(DropReason.class));
  }

  @Test
  @EnabledIfSystemProperty(named = "llmos.protocol.writeVectors", matches = "true")
  void writeVectors() throws IOException {
    for (Vector v : vectors()) {
      TestFrames.Collector c = new TestFrames.Collector();
      new FrameDecoder(c).accept(HEX.parseHex(v.inputHex()));
      if (!c.frames.equals(v.frames()) || !c.drops.equals(v.drops())) {
        throw new IllegalStateException(
            v.name() + ": the decoder gives " + c.frames + " " + c.drops + ", not what it says");
      }
      ObjectNode o = MAPPER.createObjectNode();
      o.put("description", v.description());
      o.put("input_hex", v.inputHex());
      ArrayNode frames = o.putArray("frames");
      FrameEncoder encoder = new FrameEncoder();
      for (Frame f : v.frames()) {
        ObjectNode n = frames.addObject();
        n.put("seq", f.seq());
        n.put("type", f.message().type().name());
        n.put("frame_hex", HEX.formatHex(encoder.unstuffed(f.seq(), f.message())));
        n.put("wire_hex", HEX.formatHex(encoder.encode(f)));
        n.set("message", VectorJson.toJson(f.message()));
      }
      ArrayNode drops = o.putArray("drops");
      v.drops().forEach(d -> drops.add(d.name()));
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      Path file = DIR.resolve(v.group()).resolve(v.name() + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, MAPPER.writer(printer).writeValueAsString(o) + "\n", StandardCharsets.UTF_8);
    }
  }

  private static List<Vector> vectors() {
    FrameEncoder encoder = new FrameEncoder();
    List<Vector> all = new ArrayList<>();
    for (Map.Entry<String, Frame> e : SampleMessages.all().entrySet()) {
      Frame f = e.getValue();
      all.add(
          vector(
              "valid",
              e.getKey(),
              "A " + f.message().type() + " frame, sequence number " + f.seq() + ".",
              encoder.encode(f),
              List.of(f),
              List.of()));
    }
    Frame heartbeat = new Frame(1, new Heartbeat(1000));
    byte[] good = encoder.unstuffed(1, heartbeat.message());
    byte[] hb = Arrays.copyOfRange(good, 6, 10);
    byte[] oversized = new byte[FrameFormat.MAX_ENCODED_BYTES + 1];
    Arrays.fill(oversized, (byte) 0x41);
    byte[] badCrc = good.clone();
    badCrc[good.length - 2] ^= 0x10;
    byte[] telemetry = encoder.unstuffed(9, new TelemetryMessage(SampleMessages.telemetry()));
    byte[] overCharged = Arrays.copyOfRange(telemetry, 6, telemetry.length - 4);
    overCharged[36] = 0x11;
    overCharged[37] = 0x27;
    byte[] reservedFlag = Arrays.copyOfRange(telemetry, 6, telemetry.length - 4);
    reservedFlag[38] |= (byte) 0x80;
    addInvalid(
        all,
        "oversized-run",
        "1040 encoded bytes without a delimiter, one more than the"
            + " largest frame: dropped as soon as it overflows.",
        concat(bytes(0), oversized, bytes(0)),
        DropReason.OVERSIZED);
    addInvalid(
        all,
        "oversized-payload-length",
        "An intact frame whose payload_len says 1025.",
        wire(frame(1, 0x03, 1, 1025, new byte[1025])),
        DropReason.OVERSIZED);
    addInvalid(
        all,
        "bad-cobs",
        "A COBS code byte (0x05) that points past the end of the run.",
        bytes(0, 0x05, 0x11, 0x22, 0),
        DropReason.BAD_COBS);
    addInvalid(
        all,
        "truncated-header",
        "Nine bytes: shorter than a header and a CRC.",
        wire(Arrays.copyOf(good, 9)),
        DropReason.TRUNCATED);
    addInvalid(
        all,
        "truncated-payload",
        "A heartbeat frame missing its last byte.",
        wire(Arrays.copyOf(good, good.length - 1)),
        DropReason.TRUNCATED);
    addInvalid(
        all,
        "bad-length",
        "A heartbeat whose payload_len says 3 but carries 4 bytes.",
        wire(frame(1, 0x03, 1, 3, hb)),
        DropReason.BAD_LENGTH);
    addInvalid(
        all, "bad-crc", "A heartbeat with one CRC bit flipped.", wire(badCrc), DropReason.BAD_CRC);
    addInvalid(
        all,
        "bad-version",
        "An intact heartbeat of protocol version 2.",
        wire(frame(2, 0x03, 1, 4, hb)),
        DropReason.BAD_VERSION);
    addInvalid(
        all,
        "unknown-type",
        "An intact frame of type 0x7E.",
        wire(frame(0x7E, 1, hb)),
        DropReason.UNKNOWN_TYPE);
    addInvalid(
        all,
        "unknown-command",
        "An intact COMMAND with opcode 0x42; a robot nacks it" + " UNKNOWN_COMMAND.",
        wire(frame(0x10, 12, bytes(0x42))),
        DropReason.UNKNOWN_COMMAND);
    addInvalid(
        all,
        "malformed-short-payload",
        "A TWIST command missing its duration.",
        wire(frame(0x10, 13, bytes(0x02, 0xFA, 0x00, 0x0C, 0xFE))),
        DropReason.MALFORMED_PAYLOAD);
    addInvalid(
        all,
        "malformed-trailing-bytes",
        "A STOP command with a byte after its opcode.",
        wire(frame(0x10, 14, bytes(0x05, 0x00))),
        DropReason.MALFORMED_PAYLOAD);
    addInvalid(
        all,
        "malformed-charge",
        "Telemetry with battery_charge_pmy 10001 (above 1).",
        wire(frame(0x20, 9, overCharged)),
        DropReason.MALFORMED_PAYLOAD);
    addInvalid(
        all,
        "malformed-reserved-flag",
        "Telemetry with reserved flag bit 7 set.",
        wire(frame(0x20, 9, reservedFlag)),
        DropReason.MALFORMED_PAYLOAD);
    addInvalid(
        all,
        "malformed-utf8",
        "An event whose text is not valid UTF-8 (C3 28).",
        wire(frame(0x21, 15, bytes(0, 0, 0, 0, 0, 2, 0xC3, 0x28))),
        DropReason.MALFORMED_PAYLOAD);
    addInvalid(
        all,
        "malformed-nack-reason",
        "A nack with reason code 0x99.",
        wire(frame(0x12, 16, bytes(1, 0, 0x99))),
        DropReason.MALFORMED_PAYLOAD);
    addInvalid(
        all,
        "malformed-chunk-index",
        "A frame chunk with index 3 of 3.",
        wire(frame(0x22, 17, bytes(1, 0, 3, 0, 3, 0, 64, 1, 240, 0, 0, 0, 0, 0, 0xAB))),
        DropReason.MALFORMED_PAYLOAD);

    Frame stop = new Frame(20, new CommandMessage(new dev.llmos.hal.command.Stop()));
    byte[] stopWire = encoder.encode(stop);
    byte[] hbWire = encoder.encode(heartbeat);
    all.add(
        vector(
            "streams",
            "back-to-back",
            "Two frames as an encoder writes them: the"
                + " empty run between their delimiters is ignored.",
            concat(hbWire, stopWire),
            List.of(heartbeat, stop),
            List.of()));
    all.add(
        vector(
            "streams",
            "garbage-then-frame",
            "Line noise (DE AD BE EF) before a"
                + " frame: the noise is dropped at the frame's leading delimiter, the frame decodes.",
            concat(bytes(0xDE, 0xAD, 0xBE, 0xEF), stopWire),
            List.of(stop),
            List.of(DropReason.BAD_COBS)));
    all.add(
        vector(
            "streams",
            "lost-trailing-delimiter",
            "A frame whose trailing delimiter"
                + " was lost still ends at the next frame's leading delimiter.",
            concat(Arrays.copyOf(hbWire, hbWire.length - 1), stopWire),
            List.of(heartbeat, stop),
            List.of()));
    byte[] corrupt = hbWire.clone();
    corrupt[8] ^= 0x01;
    all.add(
        vector(
            "streams",
            "corrupt-then-frame",
            "A heartbeat with one bit flipped in its" + " payload, then an intact frame.",
            concat(corrupt, stopWire),
            List.of(stop),
            List.of(DropReason.BAD_CRC)));
    return all;
  }

  private static void addInvalid(
      List<Vector> all, String name, String description, byte[] input, DropReason reason) {
    all.add(vector("invalid", name, description, input, List.of(), List.of(reason)));
  }

  private static List<Path> vectorFiles() throws IOException {
    try (Stream<Path> s = Files.walk(DIR)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static JsonNode normalised(JsonNode n) throws IOException {
    return MAPPER.readTree(MAPPER.writeValueAsString(n));
  }

  private static <E extends Enum<E>> List<String> names(Class<E> type) {
    return EnumSet.allOf(type).stream().map(Enum::name).toList();
  }
}
