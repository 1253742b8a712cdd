package dev.llmos.hal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportTest {

  @Test
  void inProcessEndsCarryBytesBothWays() throws Exception {
    InProcessTransport.Pair pair = InProcessTransport.pair("r1");
    try (Transport host = pair.host();
        Transport robot = pair.robot()) {
      host.write("ping".getBytes(StandardCharsets.US_ASCII));
      assertThat(readExactly(robot, 4)).isEqualTo("ping");
      robot.write("pong".getBytes(StandardCharsets.US_ASCII));
      assertThat(readExactly(host, 4)).isEqualTo("pong");
      assertThat(host.address()).isEqualTo("inproc://r1");
    }
  }

  @Test
  void closingTheOtherEndEndsTheStream() throws Exception {
    InProcessTransport.Pair pair = InProcessTransport.pair("r2");
    pair.robot().close();
    assertThat(pair.host().read(new byte[8])).isEqualTo(-1);
    pair.host().close();
    assertThat(pair.host().isOpen()).isFalse();
  }

  @Test
  void tcpHostReachesTheListeningRobot() throws Exception {
    try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
      CompletableFuture<Transport> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return listener.accept();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      try (Transport host = Transports.open(listener.address(), Duration.ofSeconds(2))) {
        Transport robot = accepted.get(5, TimeUnit.SECONDS);
        host.write("hello robot".getBytes(StandardCharsets.US_ASCII));
        assertThat(readExactly(robot, 11)).isEqualTo("hello robot");
        robot.write("hi".getBytes(StandardCharsets.US_ASCII));
        assertThat(readExactly(host, 2)).isEqualTo("hi");
        robot.close();
        assertThat(host.read(new byte[4])).isEqualTo(-1);
      }
    }
  }

  @Test
  void aRobotThatIsNotThereIsReportedWithAHint() throws Exception {
    int freePort;
    try (TcpListener probe = TcpListener.bind("127.0.0.1", 0)) {
      freePort = probe.port();
    }
    assertThatThrownBy(() -> Transports.open("tcp://127.0.0.1:" + freePort, Duration.ofMillis(500)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tcp://127.0.0.1:" + freePort)
        .hasMessageContaining("llmos sim");
  }

  @Test
  void badAddressesSayWhichFormsExist() {
    assertThatThrownBy(() -> Transports.open("udp://x:1", Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scheme")
        .hasMessageContaining("tcp://HOST:PORT");
    assertThatThrownBy(() -> Transports.open("tcp://localhost", Duration.ofMillis(10)))
        .hasMessageContaining("needs a host and a port");
    assertThatThrownBy(() -> Transports.open("serial:///dev/null?baud=fast", Duration.ofMillis(10)))
        .hasMessageContaining("baud must be a positive whole number");
    assertThatThrownBy(
            () -> Transports.open("serial:///dev/null?parity=odd", Duration.ofMillis(10)))
        .hasMessageContaining("unknown option parity=odd");
  }

  static String readExactly(Transport transport, int count) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[64];
    while (got.size() < count) {
      int n = transport.read(buffer);
      if (n < 0) {
        break;
      }
      got.write(buffer, 0, n);
    }
    return got.toString(StandardCharsets.US_ASCII);
  }
}
