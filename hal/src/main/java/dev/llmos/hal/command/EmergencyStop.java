package dev.llmos.hal.command;

/** The command to cut the motors at once and latch the emergency stop until reset. */
public record EmergencyStop() implements Command {
  @Override
  public String describe() {
    return "emergency-stop";
  }
}
