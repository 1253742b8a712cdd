/**
 * The hardware abstraction layer: the robot's vocabulary ({@code command}, {@code telemetry},
 * {@code robot}), the safety validator, the wire protocol and the transports that carry it. The
 * host never knows whether the robot behind a {@link dev.llmos.hal.robot.Robot} is simulated.
 */
package dev.llmos.hal;
