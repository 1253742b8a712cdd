package dev.llmos.hal.protocol;

/** A payload that does not read as its type; the decoder counts it under its reason. */
final class PayloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DropReason reason;

  PayloadException(DropReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  DropReason reason() {
    return reason;
  }
}
