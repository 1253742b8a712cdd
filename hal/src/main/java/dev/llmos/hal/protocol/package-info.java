/**
 * The wire protocol between host and robot, specified byte for byte in {@code docs/protocol.md}:
 * COBS framing with a CRC-32C, a versioned header with sequence numbers, fixed-point messages,
 * acknowledged commands with bounded retries, duplicate detection, the heartbeat watchdog and the
 * reassembly of chunked camera frames. Everything here is pure logic over bytes and a {@link
 * java.time.Clock}; transports carry the bytes.
 */
package dev.llmos.hal.protocol;
