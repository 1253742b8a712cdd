/**
 * Perception: turns camera frames into a {@link dev.llmos.runtime.perception.VisionFrame}, the one
 * schema that both the classical {@link dev.llmos.runtime.perception.ColourDetector} and the
 * vision-language model's {@link dev.llmos.runtime.perception.VlmDetector} fill; a frame says
 * whether perception failed on it, so that a failure never reads as an empty scene.
 */
package dev.llmos.runtime.perception;
