package dev.llmos.kernel.volume;

import java.util.Objects;

/** The name and e-mail written into every commit LLMos makes in a volume. */
public record CommitAuthor(String name, String email) {
  public static final CommitAuthor DEFAULT = new CommitAuthor("LLMos", "llmos@localhost");

  public CommitAuthor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    if (name.isBlank() || email.isBlank()) {
      throw new IllegalArgumentException("a commit author needs a name and an e-mail");
    }
  }
}
