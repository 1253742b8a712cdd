/**
 * The simulator: arenas, deterministic physics of the reference robot, its sensors and camera, and
 * simulated robots that speak the wire protocol exactly as the firmware does.
 */
package dev.llmos.sim;
