package dev.llmos.runtime.agent;

/**
 * How the runner's ticks meet the robot's time. A live robot is paced by the wall clock; a
 * simulated one in lockstep is stepped by exactly one tick's worth of control cycles, so runs
 * repeat for a seed.
 */
public interface Pace {
  /**
   * Lets one tick's time pass and waits until telemetry from after it has arrived.
   *
   * @return false when the robot did not answer in time: the link is lost
   */
  boolean next() throws InterruptedException;
}
