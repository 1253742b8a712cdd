package dev.llmos.hal.protocol;

import dev.llmos.hal.command.CaptureFrame;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.DriveWheels;
import dev.llmos.hal.command.EmergencyStop;
import dev.llmos.hal.command.MoveDistance;
import dev.llmos.hal.command.ReadSensors;
import dev.llmos.hal.command.Reset;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import java.util.Optional;

/** One opcode per command kind: the first byte of a COMMAND payload. */
public enum CommandCode {
  DRIVE_WHEELS(0x01, DriveWheels.class),
  TWIST(0x02, Twist.class),
  MOVE_DISTANCE(0x03, MoveDistance.class),
  ROTATE(0x04, Rotate.class),
  STOP(0x05, Stop.class),
  EMERGENCY_STOP(0x06, EmergencyStop.class),
  RESET(0x07, Reset.class),
  SET_LED(0x08, SetLed.class),
  CAPTURE_FRAME(0x09, CaptureFrame.class),
  READ_SENSORS(0x0A, ReadSensors.class);

  private final int code;
  private final Class<? extends Command> kind;

  CommandCode(int code, Class<? extends Command> kind) {
    this.code = code;
    this.kind = kind;
  }

  public int code() {
    return code;
  }

  /** The opcode for a command. */
  public static CommandCode of(Command command) {
    for (CommandCode c : values()) {
      if (c.kind.isInstance(command)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no opcode for " + command);
  }

  /** The command kind for an opcode, empty for an opcode this version does not define. */
  public static Optional<CommandCode> ofCode(int code) {
    for (CommandCode c : values()) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
