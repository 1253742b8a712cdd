package dev.llmos.hal.link;

/**
 * What a link has received.
 *
 * @param framesReceived intact frames decoded
 * @param framesDropped corrupt or unknown input dropped (bad CRC, truncated, oversized, ...)
 * @param cameraFrames camera frames reassembled
 */
public record LinkStats(long framesReceived, long framesDropped, long cameraFrames) {}
