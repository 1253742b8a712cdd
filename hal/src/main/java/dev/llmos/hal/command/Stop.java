package dev.llmos.hal.command;

/** The command to stop; the motors brake to zero. */
public record Stop() implements Command {
  @Override
  public String describe() {
    return "stop";
  }
}
