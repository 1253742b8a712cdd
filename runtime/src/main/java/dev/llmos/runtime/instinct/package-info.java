/**
 * The instinct, the fast brain that picks each tick's action. Offline it is the agent's rules
 * ({@link dev.llmos.runtime.instinct.RuleEngine}), compiled once and evaluated every control tick
 * against the current readings; the first rule that applies decides the action. Online it is a
 * vision-language model ({@link dev.llmos.runtime.instinct.VlmInstinct}) choosing one action per
 * camera frame in the rules' vocabulary, its {@link dev.llmos.runtime.instinct.InstinctReply}
 * checked and timed against the latency budget, so that the rules take any tick it cannot.
 */
package dev.llmos.runtime.instinct;
