/**
 * The safety rules between every caller and every transport. {@link
 * dev.llmos.hal.safety.SafetyEnvelope} holds the stateless rules (schema, ranges, clamps,
 * obstacles, slow-down) that the host and the robot share; {@link
 * dev.llmos.hal.safety.SafetyValidator} adds the host's state (latch, oscillation, sensor
 * freshness). Limits come from the kernel's {@code safety-rules.md} as {@link
 * dev.llmos.core.safety.SafetyLimits}.
 */
package dev.llmos.hal.safety;
