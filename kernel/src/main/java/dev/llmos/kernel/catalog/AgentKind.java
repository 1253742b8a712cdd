package dev.llmos.kernel.catalog;

import java.util.Locale;

/** What an agent is for. */
public enum AgentKind {
  /** Drives a robot; has a {@code runtime} block. */
  ROBOT,
  /** Plans work and delegates to other agents (for example the SystemAgent). */
  ORCHESTRATOR,
  /** Does one development task well (composing, mutating, reviewing). */
  SPECIALIST;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
