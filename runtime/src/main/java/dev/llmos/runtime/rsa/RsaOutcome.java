package dev.llmos.runtime.rsa;

import java.util.Optional;

/**
 * What an RSA run ended with.
 *
 * @param answer the chosen answer; empty when the last population held no valid candidate
 * @param history what the run did, step by step
 * @param <C> the answer's type
 */
public record RsaOutcome<C>(Optional<C> answer, RsaHistory history) {
  public RsaOutcome {
    if (answer == null || history == null) {
      throw new IllegalArgumentException("an outcome needs an answer (maybe empty) and a history");
    }
  }
}
