package dev.llmos.llm.anthropic;

/** A model that takes one turn of a tool-using conversation. */
@FunctionalInterface
public interface DevelopmentModel {
  /**
   * The assistant's next turn.
   *
   * @throws DevelopmentModelException when the model could not be asked, with what to do about it
   */
  AssistantReply next(DevelopmentRequest request);
}
