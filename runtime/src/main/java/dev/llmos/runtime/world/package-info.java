/**
 * The world model: what a robot knows about its surroundings. {@link
 * dev.llmos.runtime.world.WorldModel} holds a log-odds occupancy grid fed by the range sensors
 * every tick, the objects perception recognised, the path driven, frontiers to explore, a planner's
 * inflated view ({@link dev.llmos.runtime.world.WorldModel#toOccupancyGrid}), merging of other
 * robots' maps with provenance, a compact binary snapshot, a JSON view for the dashboard and a text
 * view for LLM prompts. {@link dev.llmos.runtime.world.WorldBenchmark} measures it.
 */
package dev.llmos.runtime.world;
