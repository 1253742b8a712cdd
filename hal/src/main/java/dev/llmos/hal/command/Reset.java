package dev.llmos.hal.command;

/**
 * The command to clear a latched emergency stop; the robot stays still until the next motion
 * command.
 */
public record Reset() implements Command {
  @Override
  public String describe() {
    return "reset";
  }
}
