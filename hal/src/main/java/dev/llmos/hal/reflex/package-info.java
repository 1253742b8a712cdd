/**
 * The robot's reflex tier: the last line of safety, run every control cycle on the robot (in C in
 * the firmware, as {@link dev.llmos.hal.reflex.Reflex} in the simulator), which holds even when the
 * host dies.
 */
package dev.llmos.hal.reflex;
