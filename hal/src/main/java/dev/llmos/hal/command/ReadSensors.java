package dev.llmos.hal.command;

/** The command to ask for one telemetry sample now, outside the regular rate. */
public record ReadSensors() implements Command {
  @Override
  public String describe() {
    return "read-sensors";
  }
}
