package dev.llmos.runtime.rsa;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What RSA asks of a model: fresh candidates and aggregations of a few. Calls must not block: the
 * engine issues a whole population's calls before it waits for any. A failed future, or an
 * exception thrown here, counts as an invalid candidate.
 *
 * @param <C> the answer's type
 */
public interface RsaTask<C> {
  /**
   * One fresh candidate.
   *
   * @param index its place in the first population, 0 to N - 1 (a call seed can differ by it)
   */
  CompletableFuture<Candidate<C>> generate(int index);

  /**
   * One improved candidate from a subset of the population.
   *
   * @param step the step it is for, from 1
   * @param index its place in the new population, 0 to N - 1
   * @param subset the K candidates to aggregate, valid or not (an invalid one says why, which is
   *     worth fixing)
   */
  CompletableFuture<Candidate<C>> aggregate(int step, int index, List<Candidate<C>> subset);
}
