package dev.llmos.kernel.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Gathers the problems of a validation so that a person sees all of them at once, then refuses the
 * input whole if any were found.
 */
public final class ProblemCollector {
  private final List<Problem> problems = new ArrayList<>();

  /** Runs one check; a refusal is recorded and the check yields nothing. */
  public <T> Optional<T> check(Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (InvalidDocumentException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  public void run(Runnable check) {
    try {
      check.run();
    } catch (InvalidDocumentException e) {
      problems.addAll(e.problems());
    }
  }

  public void add(Problem problem) {
    problems.add(problem);
  }

  public void add(SourceLocation where, String message) {
    problems.add(new Problem(where, message));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Throws when anything was found. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
  }
}
