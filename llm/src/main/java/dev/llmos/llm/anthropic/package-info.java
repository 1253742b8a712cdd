/**
 * The development LLM: the model that writes agents for {@code llmos create}. {@link
 * dev.llmos.llm.anthropic.DevelopmentModel} is one turn of a tool-using conversation; {@link
 * dev.llmos.llm.anthropic.AnthropicDevelopmentModel} takes it to the Anthropic Messages API with
 * native tool use.
 */
package dev.llmos.llm.anthropic;
