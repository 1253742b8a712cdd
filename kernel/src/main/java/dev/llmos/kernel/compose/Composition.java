package dev.llmos.kernel.compose;

import dev.llmos.kernel.document.MarkdownDocument;
import java.util.List;
import java.util.Objects;

/** What the composer made of a description: an agent, or a refusal that says what it can do. */
public sealed interface Composition permits Composition.Composed, Composition.Refused {

  /**
   * A robot agent composed for a description and validated against the agent schema.
   *
   * @param name the agent's name, unique among the agents in the volumes
   * @param behaviour the behaviour chosen
   * @param why which words of the description and which skills the search found led to the choice,
   *     and what was read from the description
   * @param skills the skills the agent lists
   * @param document the agent file, ready to write
   */
  record Composed(
      String name, Behaviour behaviour, String why, List<String> skills, MarkdownDocument document)
      implements Composition {
    public Composed {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(behaviour, "behaviour");
      Objects.requireNonNull(why, "why");
      skills = List.copyOf(skills);
      Objects.requireNonNull(document, "document");
    }

    /** The agent file's text. */
    public String text() {
      return document.text();
    }
  }

  /**
   * The composer cannot write an agent for the description.
   *
   * @param message why, what it can do, and how to use a model instead
   */
  record Refused(String message) implements Composition {
    public Refused {
      Objects.requireNonNull(message, "message");
    }
  }
}
