/**
 * The offline instinct: an agent's rules, compiled once and evaluated every control tick against
 * the current readings; the first rule that applies decides the action.
 */
package dev.llmos.runtime.instinct;
