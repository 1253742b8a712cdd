package dev.llmos.hal.command;

/**
 * The command to ask for one camera frame; it arrives as a frame, apart from the acknowledgement.
 */
public record CaptureFrame() implements Command {
  @Override
  public String describe() {
    return "capture-frame";
  }
}
