package dev.llmos.runtime.instinct;

import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.Rotate;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.command.Twist;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.kernel.rules.RuleParser;
import java.util.List;
import java.util.Optional;

/**
 * An action whose parameters have been replaced by their values.
 *
 * @param arguments in the units {@link ActionKind#parameters()} names
 */
public record ResolvedAction(ActionKind kind, List<Double> arguments) {
  public ResolvedAction {
    arguments = List.copyOf(arguments);
    if (arguments.size() != kind.parameters().size()) {
      throw new IllegalArgumentException(
          kind.signature() + " takes " + kind.parameters().size() + " arguments, got " + arguments);
    }
    for (double a : arguments) {
      if (!Double.isFinite(a)) {
        throw new IllegalArgumentException(kind.signature() + " got " + a);
      }
    }
    if ((kind == ActionKind.FORWARD || kind == ActionKind.BACKWARD) && arguments.get(0) < 0) {
      throw new IllegalArgumentException(
          kind.key()
              + " takes a speed of 0 or more; the action gives the direction, got "
              + arguments.get(0));
    }
    if (kind == ActionKind.SET_LED && !arguments.stream().allMatch(RuleParser::isColour)) {
      throw new IllegalArgumentException(
          "set_led takes whole numbers from 0 to 255, got " + arguments);
    }
  }

  /** Plan actions are carried out by the planner; they have no motor command of their own. */
  public boolean needsPlanner() {
    return kind.needsPlanner();
  }

  /**
   * The HAL command for a motion or LED action; empty for a plan action.
   *
   * @param durationS how long the command stays in force; a rotation is spread over it
   */
  public Optional<Command> toCommand(double durationS) {
    if (!(durationS > 0) || !Double.isFinite(durationS)) {
      throw new IllegalArgumentException("durationS must be positive and finite, got " + durationS);
    }
    return switch (kind) {
      case FORWARD -> Optional.of(new Twist(arguments.get(0), 0, durationS));
      case BACKWARD -> Optional.of(new Twist(-arguments.get(0), 0, durationS));
      case ROTATE ->
          Optional.of(new Rotate(arguments.get(0), Math.abs(arguments.get(0)) / durationS));
      case TWIST -> Optional.of(new Twist(arguments.get(0), arguments.get(1), durationS));
      case STOP -> Optional.of(new Stop());
      case SET_LED ->
          Optional.of(
              new SetLed(
                  arguments.get(0).intValue(),
                  arguments.get(1).intValue(),
                  arguments.get(2).intValue()));
      case FOLLOW_PLAN, PLAN_TO_FRONTIER, PLAN_TO_TARGET, PLAN_HOME, PLAN_TO_WAYPOINT ->
          Optional.empty();
    };
  }
}
