package dev.llmos.runtime.world;

import dev.llmos.core.geometry.Translation2d;

/**
 * A connected cluster of free cells that border unknown ones: where exploring should go next.
 *
 * @param centroid mean of the cluster's cell centres, world metres (may lie off the cluster when it
 *     curves; planners should aim for the nearest free cell)
 * @param sizeCells cells in the cluster
 * @param distanceM straight-line distance from the robot position it was extracted for, metres
 */
public record Frontier(Translation2d centroid, int sizeCells, double distanceM) {}
