package dev.llmos.hal.command;

/**
 * Everything the host may ask of a robot. Units are SI (metres, radians, seconds); the wire
 * protocol carries them as fixed-point integers. Every command passes the safety validator before
 * it reaches a transport.
 */
public sealed interface Command
    permits DriveWheels,
        Twist,
        MoveDistance,
        Rotate,
        Stop,
        EmergencyStop,
        Reset,
        SetLed,
        CaptureFrame,
        ReadSensors {

  /** Whether this command makes the wheels turn. */
  default boolean isMotion() {
    return this instanceof DriveWheels
        || this instanceof Twist
        || this instanceof MoveDistance
        || this instanceof Rotate;
  }

  /** A short readable form for logs, consoles and error messages. */
  String describe();
}
