/**
 * The simulated robot's physics and sensors: {@link dev.llmos.sim.world.SimWorld} steps robots
 * ({@link dev.llmos.sim.world.SimBody}) built to a {@link dev.llmos.sim.world.RobotSpec} through an
 * arena's {@link dev.llmos.sim.geometry.ArenaGeometry} at a fixed step on simulated time. Same
 * arena, seed and wheel targets give the same run; nothing here reads the wall clock except {@link
 * dev.llmos.sim.world.SimBenchmark}, which measures it. Frames and units as everywhere: REP-103,
 * SI.
 */
package dev.llmos.sim.world;
