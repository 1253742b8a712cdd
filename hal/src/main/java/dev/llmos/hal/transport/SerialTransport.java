package dev.llmos.hal.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * A serial port (USB CDC of an ESP32-S3, a UART adapter, or a pseudo-terminal) through jSerialComm.
 * 8 data bits, no parity, one stop bit, no flow control.
 */
public final class SerialTransport implements Transport {
  /** Reads wake up this often to notice a close, milliseconds. */
  private static final int READ_POLL_MS = 100;

  private final SerialPort port;
  private final int baud;
  private volatile boolean open = true;

  private SerialTransport(SerialPort port, int baud) {
    this.port = port;
    this.baud = baud;
  }

  /** Opens a serial port by name or path (e.g. {@code /dev/ttyACM0}, {@code COM3}). */
  public static SerialTransport open(String portName, int baud) throws IOException {
    if (baud <= 0) {
      throw new IllegalArgumentException("the baud rate must be positive, got " + baud);
    }
    SerialPort port;
    try {
      port = SerialPort.getCommPort(portName);
    } catch (RuntimeException e) {
      throw new IOException("no serial port named " + portName + " (" + e.getMessage() + ")", e);
    }
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_POLL_MS, 0);
    if (!port.openPort()) {
      throw new IOException(
          "cannot open serial port "
              + portName
              + " (error "
              + port.getLastErrorCode()
              + "); check that it exists and that you may use it (on Linux: the dialout group)");
    }
    return new SerialTransport(port, baud);
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    while (open) {
      int n = port.readBytes(buffer, buffer.length);
      if (n > 0) {
        return n;
      }
      if (n < 0 && open) {
        throw new IOException(
            "serial port "
                + port.getSystemPortPath()
                + " failed (error "
                + port.getLastErrorCode()
                + ")");
      }
    }
    return -1;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    synchronized (port) {
      int written = 0;
      while (written < length) {
        int n = port.writeBytes(bytes, length - written, offset + written);
        if (n < 0) {
          throw new IOException(
              "cannot write to serial port "
                  + port.getSystemPortPath()
                  + " (error "
                  + port.getLastErrorCode()
                  + ")");
        }
        written += n;
      }
    }
  }

  @Override
  public String address() {
    return "serial://" + port.getSystemPortPath() + "?baud=" + baud;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    if (open) {
      open = false;
      port.closePort();
    }
  }
}
