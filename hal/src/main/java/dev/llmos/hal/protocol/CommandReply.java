package dev.llmos.hal.protocol;

/** The robot's answer to one command: an ack or a nack naming the command's sequence number. */
public sealed interface CommandReply extends Message permits Ack, Nack {
  /** The sequence number of the COMMAND frame answered. */
  int commandSeq();
}
