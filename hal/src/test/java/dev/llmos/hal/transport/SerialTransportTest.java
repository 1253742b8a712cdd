package dev.llmos.hal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serial transport through a real pseudo-terminal pair (socat), both ends jSerialComm. */
class SerialTransportTest {
  @TempDir Path dir;

  @Test
  void bytesCrossAPseudoTerminalPairBothWays() throws Exception {
    try (PseudoTerminalPair ptys = PseudoTerminalPair.start(dir);
        Transport robot = SerialTransport.open(ptys.robotPort(), 115_200);
        Transport host =
            Transports.open("serial://" + ptys.hostPort() + "?baud=115200", Duration.ZERO)) {
      byte[] binary = new byte[256];
      for (int i = 0; i < binary.length; i++) {
        binary[i] = (byte) i;
      }
      host.write(binary);
      assertThat(readBytes(robot, binary.length)).isEqualTo(binary);
      robot.write("ok".getBytes(StandardCharsets.US_ASCII));
      assertThat(TransportTest.readExactly(host, 2)).isEqualTo("ok");
      assertThat(host.address()).startsWith("serial://").endsWith("?baud=115200");
    }
  }

  @Test
  void aMissingPortSaysWhatToCheck() {
    assertThatThrownBy(() -> SerialTransport.open(dir.resolve("no-such-tty").toString(), 115_200))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-tty");
  }

  private static byte[] readBytes(Transport transport, int count) throws IOException {
    byte[] got = new byte[count];
    byte[] buffer = new byte[64];
    int have = 0;
    while (have < count) {
      int n = transport.read(buffer);
      if (n < 0) {
        break;
      }
      int take = Math.min(n, count - have);
      System.arraycopy(buffer, 0, got, have, take);
      have += take;
    }
    return got;
  }
}
