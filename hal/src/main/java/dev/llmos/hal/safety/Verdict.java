package dev.llmos.hal.safety;

import dev.llmos.hal.command.Command;
import java.util.ArrayList;
import java.util.List;

/** What the safety rules decided about one command: accepted (perhaps changed) or refused. */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Refused {

  /** Whether the command may go on. */
  boolean accepted();

  /**
   * The command may go on, as {@code command}.
   *
   * @param command what may be sent or executed, after every adjustment
   * @param adjustments each change made to the requested command, in order; empty when unchanged
   */
  record Accepted(Command command, List<Adjustment> adjustments) implements Verdict {
    public Accepted {
      if (command == null) {
        throw new IllegalArgumentException("an accepted verdict needs its command");
      }
      adjustments = List.copyOf(adjustments);
    }

    @Override
    public boolean accepted() {
      return true;
    }

    /** This verdict for a further-changed command, with the later adjustments appended. */
    Accepted then(Accepted later) {
      List<Adjustment> all = new ArrayList<>(adjustments);
      all.addAll(later.adjustments);
      return new Accepted(later.command, all);
    }
  }

  /**
   * The command must not go on.
   *
   * @param rule the rule it broke
   * @param reason why, in plain words, with what the caller may do instead where there is a way
   */
  record Refused(SafetyRule rule, String reason) implements Verdict {
    public Refused {
      if (rule == null || reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a refusal needs a rule and a reason");
      }
    }

    @Override
    public boolean accepted() {
      return false;
    }
  }

  /** Accepted as it is. */
  static Accepted accept(Command command) {
    return new Accepted(command, List.of());
  }
}
