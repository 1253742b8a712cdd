package dev.llmos.kernel.rules;

import java.util.List;

/**
 * What a rule does when it applies.
 *
 * @param arguments numbers or parameter names, as many as {@code kind} takes
 */
public record Action(ActionKind kind, List<Operand> arguments) {
  public Action {
    arguments = List.copyOf(arguments);
    if (arguments.size() != kind.parameters().size()) {
      throw new IllegalArgumentException(
          kind.signature() + " takes " + kind.parameters().size() + " arguments");
    }
    for (Operand a : arguments) {
      if (!(a instanceof Operand.NumberLiteral) && !(a instanceof Operand.Param)) {
        throw new IllegalArgumentException("an argument is a number or a parameter, got " + a);
      }
    }
  }
}
