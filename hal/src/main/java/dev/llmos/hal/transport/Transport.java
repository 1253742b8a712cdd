package dev.llmos.hal.transport;

import java.io.IOException;

/**
 * A duplex byte stream to or from a robot: an in-process pipe, a TCP connection or a serial port.
 * It carries wire-protocol frames and knows nothing of them; framing, integrity and resync are the
 * protocol's job. One thread reads, any number write (each {@link #write} is sent whole).
 */
public interface Transport extends AutoCloseable {
  /**
   * Reads available bytes into the buffer, blocking until at least one arrives.
   *
   * @return the number of bytes read, or -1 when the other end has closed the link
   */
  int read(byte[] buffer) throws IOException;

  /** Writes the bytes in one piece, so that frames from several writers never interleave. */
  void write(byte[] bytes, int offset, int length) throws IOException;

  default void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  /** Where this link goes, as a URI a person can paste (e.g. {@code tcp://127.0.0.1:7600}). */
  String address();

  /** Whether the link is still open from this end. */
  boolean isOpen();

  /** Closes the link; a blocked {@link #read} returns -1 or throws. Closing twice is harmless. */
  @Override
  void close();
}
