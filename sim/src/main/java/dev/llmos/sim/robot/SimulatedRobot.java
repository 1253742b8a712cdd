package dev.llmos.sim.robot;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.core.time.ManualClock;
import dev.llmos.hal.command.CaptureFrame;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.ReadSensors;
import dev.llmos.hal.command.SetLed;
import dev.llmos.hal.protocol.Ack;
import dev.llmos.hal.protocol.CommandMessage;
import dev.llmos.hal.protocol.CommandReply;
import dev.llmos.hal.protocol.DropReason;
import dev.llmos.hal.protocol.DuplicateFilter;
import dev.llmos.hal.protocol.EventMessage;
import dev.llmos.hal.protocol.FrameChunk;
import dev.llmos.hal.protocol.FrameEncoder;
import dev.llmos.hal.protocol.FrameFormat;
import dev.llmos.hal.protocol.Hello;
import dev.llmos.hal.protocol.HelloRequest;
import dev.llmos.hal.protocol.Message;
import dev.llmos.hal.protocol.MessageType;
import dev.llmos.hal.protocol.Nack;
import dev.llmos.hal.protocol.NackReason;
import dev.llmos.hal.protocol.SequenceCounter;
import dev.llmos.hal.protocol.TelemetryMessage;
import dev.llmos.hal.reflex.Reflex;
import dev.llmos.hal.reflex.ReflexOutput;
import dev.llmos.hal.reflex.SensorReadings;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.safety.SafetyRule;
import dev.llmos.hal.safety.Verdict;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.hal.transport.InProcessTransport;
import dev.llmos.hal.transport.Transport;
import dev.llmos.sim.camera.CameraRenderer;
import dev.llmos.sim.world.SimBody;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated robot that speaks the wire protocol as the firmware does: it answers the hello,
 * acknowledges or refuses commands through the same {@link Reflex} the firmware runs (watchdog,
 * emergency latch, stops near obstacles), sends telemetry at a fixed rate and camera frames in
 * chunks. Everything happens on the simulation's thread in {@link #controlCycle}; a host cannot
 * tell it from hardware.
 */
public final class SimulatedRobot {
  private static final int EVENTS_KEPT = 100;

  private final SimBody body;
  private final Capabilities capabilities;
  private final Reflex reflex;
  private final Optional<CameraRenderer> camera;
  private final DuplicateFilter duplicates;
  private final FrameEncoder encoder = new FrameEncoder();
  private final SequenceCounter seqs = new SequenceCounter();
  private final int cyclesPerTelemetry;
  private final AtomicReference<HostConnection> host = new AtomicReference<>();
  private final AtomicReference<Telemetry> lastTelemetry = new AtomicReference<>();
  private final Deque<RobotEvent> recentEvents = new ArrayDeque<>();
  private volatile int[] led = {0, 0, 0};
  private double lastForeignHelloS = Double.NEGATIVE_INFINITY;
  private HostConnection served;
  private long cycles;
  private int collisionsReported;
  private int frameIds;

  SimulatedRobot(
      SimBody body,
      Capabilities capabilities,
      SafetyLimits limits,
      Optional<CameraRenderer> camera,
      ManualClock clock,
      int cyclesPerTelemetry) {
    this.body = body;
    this.capabilities = capabilities;
    this.reflex = new Reflex(limits, capabilities);
    this.camera = camera;
    this.duplicates = new DuplicateFilter(clock);
    this.cyclesPerTelemetry = cyclesPerTelemetry;
  }

  /** The robot's id. */
  public String id() {
    return capabilities.robotId();
  }

  public Capabilities capabilities() {
    return capabilities;
  }

  /** The robot's body in the simulated world (for tests and the dashboard). */
  public SimBody body() {
    return body;
  }

  /** The last telemetry sample sent (or made, with no host connected). */
  public Optional<Telemetry> lastTelemetry() {
    return Optional.ofNullable(lastTelemetry.get());
  }

  /** The events this robot reported most recently, oldest first (at most {@value #EVENTS_KEPT}). */
  public List<RobotEvent> recentEvents() {
    synchronized (recentEvents) {
      return List.copyOf(recentEvents);
    }
  }

  /** Simulated time of the last intact frame from a host, or NaN before the first. */
  public double lastHostFrameS() {
    return reflex.lastHostFrameS();
  }

  private void remember(RobotEvent event) {
    synchronized (recentEvents) {
      if (recentEvents.size() == EVENTS_KEPT) {
        recentEvents.removeFirst();
      }
      recentEvents.addLast(event);
    }
  }

  /** Corrupt input from the current host that the robot dropped (bad CRC, truncated, ...). */
  public long droppedInput() {
    HostConnection connection = host.get();
    return connection == null ? 0 : connection.drops();
  }

  /** The status LED colour as red, green, blue. */
  public int[] led() {
    return led.clone();
  }

  /**
   * Connects a host. A robot talks to one host at a time, like the firmware: a new connection
   * replaces the old one.
   */
  public void attach(Transport transport) {
    replaceHost(HostConnection.reading(transport, id()));
  }

  /**
   * Connects a host inside this process in lockstep: whatever the host writes is decoded on the
   * host's thread, so it is in the robot's inbox before the next {@link Simulation#cycle}. With the
   * simulation stepped by the caller, runs are deterministic.
   */
  Transport attachLockstep() throws IOException {
    InProcessTransport.Pair pair = InProcessTransport.pair(id() + "-lockstep");
    HostConnection connection = HostConnection.fedDirectly(pair.robot());
    replaceHost(connection);
    return new LockstepTransport(pair.host(), connection);
  }

  /** Frames from the host waiting for the next control cycle. */
  int hostFramesWaiting() {
    HostConnection connection = host.get();
    return connection == null ? 0 : connection.waiting();
  }

  private void replaceHost(HostConnection connection) {
    HostConnection previous = host.getAndSet(connection);
    if (previous != null) {
      previous.close();
    }
  }

  /** Whether a host is connected now. */
  public boolean hostConnected() {
    HostConnection connection = host.get();
    return connection != null && connection.isOpen();
  }

  /** Drops the host's connection, as pulling a cable does. */
  public void detach() {
    HostConnection previous = host.getAndSet(null);
    if (previous != null) {
      previous.close();
    }
  }

  /** One control cycle at simulated time {@code nowS}: host input, the reflex, telemetry. */
  void controlCycle(double nowS) {
    HostConnection connection = host.get();
    if (connection != served) {
      // A new host numbers its frames afresh; answers remembered for the old one must not match.
      duplicates.clear();
      served = connection;
    }
    if (connection != null) {
      HostConnection.Inbound inbound;
      while ((inbound = connection.poll()) != null) {
        handle(connection, inbound, nowS);
      }
      // A host of another protocol version learns ours, at most once a second (docs/protocol.md).
      if (connection.takeForeignVersionSeen() && !(nowS - lastForeignHelloS < 1.0)) {
        lastForeignHelloS = nowS;
        send(connection, new Hello(FrameFormat.VERSION, capabilities));
      }
    }
    Telemetry sensed = body.telemetry(reflex.status(body.collisions()));
    if (body.collisions() > collisionsReported) {
      collisionsReported = body.collisions();
      RobotEvent bump =
          new RobotEvent(nowS, RobotEvent.Kind.COLLISION, "collision " + collisionsReported);
      remember(bump);
      send(connection, new EventMessage(bump));
    }
    ReflexOutput out = reflex.tick(nowS, SensorReadings.of(sensed));
    body.setWheelTargets(out.wheels());
    for (RobotEvent event : out.events()) {
      remember(event);
      send(connection, new EventMessage(event));
    }
    if (cycles % cyclesPerTelemetry == 0) {
      Telemetry sample = body.telemetry(reflex.status(body.collisions()));
      lastTelemetry.set(sample);
      send(connection, new TelemetryMessage(sample));
    }
    cycles++;
  }

  private void handle(HostConnection connection, HostConnection.Inbound inbound, double nowS) {
    if (inbound instanceof HostConnection.Rejected rejected) {
      // An intact frame whose payload could not be read: refuse it so the host does not retry.
      if (rejected.type() == MessageType.COMMAND) {
        NackReason why =
            rejected.reason() == DropReason.UNKNOWN_COMMAND
                ? NackReason.UNKNOWN_COMMAND
                : NackReason.MALFORMED;
        reply(connection, new Nack(rejected.seq(), why));
      }
      return;
    }
    var frame = ((HostConnection.Received) inbound).frame();
    reflex.onHostFrame(nowS);
    Message message = frame.message();
    if (message instanceof HelloRequest) {
      duplicates.clear();
      send(connection, new Hello(FrameFormat.VERSION, capabilities));
    } else if (message instanceof CommandMessage command) {
      Optional<CommandReply> earlier = duplicates.previousReply(frame.seq());
      if (earlier.isPresent()) {
        // A resend of a command already carried out: answer again, do not act twice.
        send(connection, earlier.get());
        return;
      }
      if (command.command() instanceof CaptureFrame && camera.isEmpty()) {
        reply(connection, new Nack(frame.seq(), NackReason.UNSUPPORTED));
        return;
      }
      Verdict verdict = reflex.onCommand(command.command(), nowS);
      if (verdict instanceof Verdict.Refused refused) {
        reply(connection, new Nack(frame.seq(), nackReason(refused.rule())));
        return;
      }
      reply(connection, new Ack(frame.seq()));
      carryOut(connection, ((Verdict.Accepted) verdict).command(), nowS);
    }
  }

  private void reply(HostConnection connection, CommandReply reply) {
    duplicates.remember(reply);
    send(connection, reply);
  }

  /** Commands that are not motion are done here; motion is the reflex's. */
  private void carryOut(HostConnection connection, Command command, double nowS) {
    if (command instanceof SetLed set) {
      led = new int[] {set.red(), set.green(), set.blue()};
    } else if (command instanceof ReadSensors) {
      Telemetry sample = body.telemetry(reflex.status(body.collisions()));
      lastTelemetry.set(sample);
      send(connection, new TelemetryMessage(sample));
    } else if (command instanceof CaptureFrame) {
      camera.ifPresent(renderer -> sendFrame(connection, renderer, nowS));
    }
  }

  private void sendFrame(HostConnection connection, CameraRenderer renderer, double nowS) {
    Pose2d cameraPose =
        CameraRenderer.mountedOn(body.pose(), CameraRenderer.DEFAULT_FORWARD_OFFSET_M);
    byte[] jpeg = CameraRenderer.encodeJpeg(renderer.render(cameraPose), 0.8f);
    int id = frameIds++ & 0xFFFF;
    int chunkCount = (jpeg.length + FrameChunk.MAX_DATA_BYTES - 1) / FrameChunk.MAX_DATA_BYTES;
    long timeMs = Math.round(nowS * 1000);
    for (int i = 0; i < chunkCount; i++) {
      int from = i * FrameChunk.MAX_DATA_BYTES;
      byte[] data =
          Arrays.copyOfRange(jpeg, from, Math.min(jpeg.length, from + FrameChunk.MAX_DATA_BYTES));
      send(
          connection,
          new FrameChunk(id, i, chunkCount, renderer.width(), renderer.height(), timeMs, data));
    }
  }

  private static NackReason nackReason(SafetyRule rule) {
    return switch (rule) {
      case EMERGENCY_LATCH -> NackReason.EMERGENCY_LATCHED;
      case SCHEMA -> NackReason.OUT_OF_RANGE;
      case OBSTACLE, BUMPER, SENSOR_DATA, OSCILLATION -> NackReason.UNSAFE;
      case COMMAND_DURATION, WHEEL_SPEED, TURN_RATE, SLOW_DOWN -> NackReason.OUT_OF_RANGE;
    };
  }

  private void send(HostConnection connection, Message message) {
    if (connection != null) {
      connection.send(encoder.encode(seqs.next(), message));
    }
  }
}
