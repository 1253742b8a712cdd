package dev.llmos.hal.protocol;

/**
 * Why the decoder dropped bytes between two delimiters, in the order it checks them. A dropped
 * frame never reaches a listener as a message.
 */
public enum DropReason {
  /** Longer than the largest encoded frame; the rest up to the next delimiter is skipped. */
  OVERSIZED,
  /** Not valid COBS: a code byte points past the end of the frame. */
  BAD_COBS,
  /** Shorter than a header and CRC, or shorter than its payload length says. */
  TRUNCATED,
  /** Longer than its payload length says. */
  BAD_LENGTH,
  /** The CRC-32C does not match. */
  BAD_CRC,
  /** An intact frame of another protocol version. */
  BAD_VERSION,
  /** An intact frame of a type this version does not define. */
  UNKNOWN_TYPE,
  /** An intact COMMAND frame with an opcode this version does not define. */
  UNKNOWN_COMMAND,
  /** An intact frame whose payload does not read as its type: too short, too long, bad values. */
  MALFORMED_PAYLOAD
}
