/**
 * Recursive Self-Aggregation (RSA, arXiv 2509.26626): a population of candidate answers is improved
 * by repeatedly asking a model to aggregate small subsets of it, then one answer is chosen by
 * majority or at random. {@link dev.llmos.runtime.rsa.RecursiveSelfAggregation} is the
 * model-agnostic engine, {@link dev.llmos.runtime.rsa.RsaPlanner} the planner built on it, {@link
 * dev.llmos.runtime.rsa.RsaHistory} what a run did, for the black box.
 */
package dev.llmos.runtime.rsa;
