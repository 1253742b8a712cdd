package dev.llmos.kernel.document;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Refusal of an input, with every problem found. Inputs are refused whole: nothing from an invalid
 * document is applied.
 */
public final class InvalidDocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public InvalidDocumentException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid document has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public InvalidDocumentException(Problem problem) {
    this(List.of(problem));
  }

  public InvalidDocumentException(SourceLocation where, String message) {
    this(new Problem(where, message));
  }

  public List<Problem> problems() {
    return problems;
  }
}
