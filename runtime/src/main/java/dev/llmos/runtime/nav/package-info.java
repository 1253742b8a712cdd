/**
 * Navigation: optimal A* on occupancy grids (8-connected, octile costs, no corner cutting),
 * obstacle inflation by the robot's radius, planning in metres through a {@link
 * dev.llmos.runtime.nav.GridFrame}, choosing the nearest reachable frontier to explore, and a pure
 * pursuit follower that turns waypoints into twist commands.
 */
package dev.llmos.runtime.nav;
