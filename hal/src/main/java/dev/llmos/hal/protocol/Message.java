package dev.llmos.hal.protocol;

/** Everything a frame can carry; a {@link Frame} is a sequence number and one message. */
public sealed interface Message
    permits HelloRequest,
        Hello,
        Heartbeat,
        CommandMessage,
        CommandReply,
        TelemetryMessage,
        EventMessage,
        FrameChunk {

  /** The frame type that carries this message. */
  MessageType type();
}
