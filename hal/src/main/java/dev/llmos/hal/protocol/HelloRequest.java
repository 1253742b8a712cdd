package dev.llmos.hal.protocol;

/** The host asks the robot for its hello; it also starts a new session (see the spec). */
public record HelloRequest() implements Message {
  @Override
  public MessageType type() {
    return MessageType.HELLO_REQUEST;
  }
}
