package dev.llmos.sim.robot;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.core.time.ManualClock;
import dev.llmos.hal.link.LinkOptions;
import dev.llmos.hal.link.RobotLink;
import dev.llmos.hal.reflex.Reflex;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.transport.InProcessTransport;
import dev.llmos.hal.transport.TcpListener;
import dev.llmos.hal.transport.Transport;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.camera.CameraRenderer;
import dev.llmos.sim.world.RobotSpec;
import dev.llmos.sim.world.SimBody;
import dev.llmos.sim.world.SimWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Simulated robots in one arena, each reachable through the wire protocol. The loop runs control
 * cycles of {@link Reflex#CONTROL_PERIOD_S} on simulated time, either as fast as the machine allows
 * (for tests and evaluation) or paced to wall time (for live use), and it is deterministic for a
 * given arena, seed and sequence of commands per cycle.
 */
public final class Simulation implements AutoCloseable {
  /** Telemetry is sent every this many control cycles: 50 Hz. */
  public static final int CYCLES_PER_TELEMETRY = 2;

  /** The simulator's version, reported in each robot's hello. */
  public static final String FIRMWARE_VERSION = "llmos-sim-1";

  private final SimWorld world;
  private final ManualClock clock = new ManualClock(Instant.EPOCH);
  private final List<SimulatedRobot> robots = new ArrayList<>();
  private final List<TcpListener> listeners = new ArrayList<>();
  private final int stepsPerCycle;
  private volatile boolean running;
  private volatile RuntimeException failure;
  private Thread loop;

  private Simulation(SimWorld world) {
    this.world = world;
    this.stepsPerCycle = (int) Math.round(Reflex.CONTROL_PERIOD_S / world.stepS());
  }

  /**
   * A simulation of {@code count} reference robots at the arena's start poses (cycling through them
   * if there are fewer starts than robots), named {@code robot-1}, {@code robot-2}, ....
   *
   * @param camera the camera every robot carries, or empty for none
   */
  public static Simulation of(
      Arena arena,
      int count,
      long seed,
      SafetyLimits limits,
      RobotSpec spec,
      Optional<CameraSpec> camera) {
    if (count < 1) {
      throw new IllegalArgumentException("a simulation needs at least one robot, got " + count);
    }
    Simulation sim = new Simulation(SimWorld.of(arena, seed));
    for (int i = 0; i < count; i++) {
      Pose2d start = arena.starts().get(i % arena.starts().size());
      sim.add("robot-" + (i + 1), spec, start, limits, camera);
    }
    return sim;
  }

  private void add(
      String id, RobotSpec spec, Pose2d start, SafetyLimits limits, Optional<CameraSpec> camera) {
    SimBody body = world.addRobot(id, spec, start);
    robots.add(
        new SimulatedRobot(
            body,
            spec.capabilities(id, FIRMWARE_VERSION, limits.watchdogTimeoutS(), camera),
            limits,
            camera.map(
                c ->
                    new CameraRenderer(world.geometry(), c, CameraRenderer.DEFAULT_MOUNT_HEIGHT_M)),
            clock,
            CYCLES_PER_TELEMETRY));
  }

  public List<SimulatedRobot> robots() {
    return List.copyOf(robots);
  }

  public SimulatedRobot robot(String id) {
    return robots.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no simulated robot named " + id));
  }

  public SimWorld world() {
    return world;
  }

  /**
   * The simulation's clock: simulated time, for hosts in lockstep runs whose timing rules (the
   * validator's freshness and oscillation windows, retries) must follow the robots' time.
   */
  public Clock clock() {
    return clock;
  }

  /** Simulated seconds since the start. */
  public double timeS() {
    return world.timeS();
  }

  /** Connects a host inside this process; returns the host's end. */
  public Transport connectInProcess(String robotId) throws IOException {
    InProcessTransport.Pair pair = InProcessTransport.pair(robotId);
    robot(robotId).attach(pair.robot());
    return pair.host();
  }

  /**
   * Connects a host inside this process in lockstep (see {@link SimulatedRobot}): for runs where
   * the caller steps the simulation with {@link #cycle} or {@link #runFor} instead of {@link
   * #start}, so that the same seed and commands give the same run.
   */
  public Transport connectLockstep(String robotId) throws IOException {
    return robot(robotId).attachLockstep();
  }

  /**
   * Opens a host link to a robot in lockstep, on a simulation that the caller steps: the hello is
   * answered in exactly one control cycle, so the same seed gives the same run from the start.
   */
  public RobotLink openLockstepLink(String robotId, SafetyLimits limits, Clock clock)
      throws IOException {
    SimulatedRobot robot = robot(robotId);
    Transport host = robot.attachLockstep();
    CompletableFuture<RobotLink> link =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return RobotLink.open(host, limits, clock, LinkOptions.forLimits(limits));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (robot.hostFramesWaiting() == 0 && !link.isDone() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    cycle();
    try {
      return link.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening a lockstep link to " + robotId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot open a lockstep link to " + robotId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Steps a lockstep run by {@code seconds} and waits until the link has the telemetry of the new
   * moment (at most one telemetry period old). A heartbeat goes first, so the robot's watchdog
   * hears from its host every step, as it would in real time; a step must be shorter than the
   * watchdog's timeout.
   *
   * @return false when no such telemetry arrived within two seconds of wall time
   */
  public boolean advance(RobotLink link, double seconds) throws InterruptedException {
    link.heartbeatNow();
    runFor(seconds);
    double due = timeS() - CYCLES_PER_TELEMETRY * Reflex.CONTROL_PERIOD_S;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      var t = link.latest();
      if (t.isPresent() && t.get().timeS() >= due - 1e-9) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  /**
   * Makes every robot listen for a host on TCP, robot {@code i} on {@code basePort + i} (or on free
   * ports when {@code basePort} is 0), as ESP32 robots on WiFi do.
   *
   * @return each robot's address, in robot order
   */
  public List<String> listenTcp(String bindAddress, int basePort) throws IOException {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < robots.size(); i++) {
      SimulatedRobot robot = robots.get(i);
      TcpListener listener = TcpListener.bind(bindAddress, basePort == 0 ? 0 : basePort + i);
      listeners.add(listener);
      addresses.add(listener.address());
      Thread acceptor =
          new Thread(
              () -> {
                while (listener.isOpen()) {
                  try {
                    robot.attach(listener.accept());
                  } catch (IOException e) {
                    // Closed listener or a failed handshake; the loop condition decides.
                  }
                }
              },
              "llmos-sim-accept " + robot.id());
      acceptor.setDaemon(true);
      acceptor.start();
    }
    return addresses;
  }

  /** Runs control cycles on this thread, unpaced, until the simulated time has passed. */
  public void runFor(double durationS) {
    long cycles = Math.round(durationS / Reflex.CONTROL_PERIOD_S);
    for (long i = 0; i < cycles; i++) {
      cycle();
    }
  }

  /** One control cycle for every robot, then the physics steps of one period. */
  public void cycle() {
    double now = world.timeS();
    for (SimulatedRobot robot : robots) {
      robot.controlCycle(now);
    }
    for (int s = 0; s < stepsPerCycle; s++) {
      world.step();
    }
    clock.advance(Duration.ofNanos(Math.round(world.stepS() * stepsPerCycle * 1e9)));
  }

  /**
   * Starts the loop on its own thread.
   *
   * @param speed simulated seconds per wall second (1 = real time); 0 runs as fast as possible
   */
  public synchronized void start(double speed) {
    if (loop != null) {
      throw new IllegalStateException("the simulation is already running");
    }
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be 0 (unpaced) or positive, got " + speed);
    }
    running = true;
    loop =
        new Thread(
            () -> {
              long startNanos = System.nanoTime();
              double startS = world.timeS();
              while (running) {
                try {
                  cycle();
                } catch (RuntimeException e) {
                  // Robots that stop thinking must not look alive: hosts see their links close.
                  failure = e;
                  running = false;
                  robots.forEach(SimulatedRobot::detach);
                  return;
                }
                if (speed > 0) {
                  long due = startNanos + Math.round((world.timeS() - startS) / speed * 1e9);
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                }
              }
            },
            "llmos-sim-loop");
    loop.setDaemon(true);
    loop.start();
  }

  /** What stopped the loop, if it failed; the robots' links are closed then. */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /** Stops the loop, the listeners and every host connection. */
  @Override
  public synchronized void close() {
    running = false;
    listeners.forEach(TcpListener::close);
    robots.forEach(SimulatedRobot::detach);
    if (loop != null) {
      try {
        loop.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
