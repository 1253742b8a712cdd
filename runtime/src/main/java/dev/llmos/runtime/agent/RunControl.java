package dev.llmos.runtime.agent;

import java.util.concurrent.TimeUnit;

/**
 * A person's hold on a run while it goes: pause, resume, stop and the pace. Thread-safe; the runner
 * and its {@link Pace} read it each tick, a dashboard or a console writes it.
 *
 * <p>Pausing is the pace's to honour: a lockstep simulation simply does not advance, so the robot
 * stands still where it is. Stopping ends the run after the current tick with the outcome {@code
 * stopped}, its recording complete.
 */
public final class RunControl {
  /** The most times real time a run may be asked to go. */
  public static final double MAX_SPEED = 1000;

  private boolean paused;
  private boolean stopped;
  private double speed;

  /**
   * @param speed times real time; 0 for as fast as the host goes
   */
  public RunControl(double speed) {
    this.speed = checkSpeed(speed);
  }

  /** Holds the run before its next tick until {@link #resume} or {@link #stop}. */
  public synchronized void pause() {
    paused = true;
    notifyAll();
  }

  public synchronized void resume() {
    paused = false;
    notifyAll();
  }

  /** Ends the run after its current tick; a paused run ends without going on. */
  public synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  public synchronized void setSpeed(double speed) {
    this.speed = checkSpeed(speed);
    notifyAll();
  }

  public synchronized boolean isPaused() {
    return paused && !stopped;
  }

  public synchronized boolean isStopped() {
    return stopped;
  }

  /** Times real time; 0 for as fast as the host goes. */
  public synchronized double speed() {
    return speed;
  }

  /**
   * Waits until {@code deadlineNanos} ({@link System#nanoTime} time), or less: a pause, a stop or a
   * new speed ends the wait early, so a slow pace never keeps a run from answering.
   */
  public synchronized void sleepUntil(long deadlineNanos) throws InterruptedException {
    double asked = speed;
    long left = deadlineNanos - System.nanoTime();
    while (left > 0 && !paused && !stopped && speed == asked) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
      left = deadlineNanos - System.nanoTime();
    }
  }

  /** Waits while the run is paused; returns at once when it is not (or has been stopped). */
  public synchronized void awaitRunning() throws InterruptedException {
    while (paused && !stopped) {
      wait();
    }
  }

  private static double checkSpeed(double speed) {
    if (!(speed >= 0) || speed > MAX_SPEED) {
      throw new IllegalArgumentException(
          "speed must be within [0, " + (int) MAX_SPEED + "] times real time, got " + speed);
    }
    return speed;
  }
}
