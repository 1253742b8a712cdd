/**
 * Perception: turns camera frames into a {@link dev.llmos.runtime.perception.VisionFrame}, the one
 * schema that both the classical {@link dev.llmos.runtime.perception.ColourDetector} and a VLM
 * detector fill.
 */
package dev.llmos.runtime.perception;
