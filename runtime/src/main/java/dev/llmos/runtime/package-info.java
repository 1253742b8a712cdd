/**
 * The runtime: runs a markdown agent on a robot through the HAL — perception, the world model,
 * navigation, the instinct and planner brains, and the black box that records every run.
 */
package dev.llmos.runtime;
