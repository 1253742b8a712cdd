package dev.llmos.hal.link;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.command.CaptureFrame;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.protocol.CommandMessage;
import dev.llmos.hal.protocol.CommandOutcome;
import dev.llmos.hal.protocol.CommandReply;
import dev.llmos.hal.protocol.EventMessage;
import dev.llmos.hal.protocol.Frame;
import dev.llmos.hal.protocol.FrameChunk;
import dev.llmos.hal.protocol.FrameDecoder;
import dev.llmos.hal.protocol.FrameEncoder;
import dev.llmos.hal.protocol.FrameFormat;
import dev.llmos.hal.protocol.FrameListener;
import dev.llmos.hal.protocol.FrameReassembler;
import dev.llmos.hal.protocol.Heartbeat;
import dev.llmos.hal.protocol.Hello;
import dev.llmos.hal.protocol.HelloRequest;
import dev.llmos.hal.protocol.OutstandingCommands;
import dev.llmos.hal.protocol.PendingCommand;
import dev.llmos.hal.protocol.SequenceCounter;
import dev.llmos.hal.protocol.TelemetryMessage;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.CommandResult;
import dev.llmos.hal.robot.Robot;
import dev.llmos.hal.safety.SafetyValidator;
import dev.llmos.hal.safety.Verdict;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.hal.transport.Transport;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The host's end of a link to one robot over any transport: the hello handshake, heartbeats,
 * numbered commands with acknowledgement and bounded retry, telemetry, events and camera frames.
 * Every command passes the {@link SafetyValidator} first; a refused command never reaches the wire.
 */
public final class RobotLink implements Robot {
  /** The largest camera frame accepted, bytes of JPEG. */
  private static final int MAX_CAMERA_FRAME_BYTES = 4 * 1024 * 1024;

  private final Transport transport;
  private final Clock clock;
  private final LinkOptions options;
  private final SafetyLimits limits;
  private final FrameEncoder encoder = new FrameEncoder();
  private final SequenceCounter seqs = new SequenceCounter();
  private final OutstandingCommands outstanding;
  private final FrameDecoder decoder;
  private final FrameReassembler reassembler = new FrameReassembler(MAX_CAMERA_FRAME_BYTES);
  private final Queue<CompletableFuture<CameraFrame>> frameWaiters = new ArrayDeque<>();
  private final List<Consumer<Telemetry>> telemetryListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<RobotEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<Telemetry> latest = new AtomicReference<>();
  private final CompletableFuture<Hello> hello = new CompletableFuture<>();
  private final ScheduledExecutorService timer;
  private final Thread reader;
  private volatile SafetyValidator validator;
  private volatile ScheduledFuture<?> heartbeats;
  private volatile boolean closed;

  private RobotLink(Transport transport, SafetyLimits limits, Clock clock, LinkOptions options) {
    this.transport = transport;
    this.limits = limits;
    this.clock = clock;
    this.options = options;
    this.outstanding = new OutstandingCommands(clock, options.retry(), seqs);
    this.decoder = new FrameDecoder(new Listener());
    String name = transport.address();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llmos-link-timer " + name);
              t.setDaemon(true);
              return t;
            });
    this.reader = new Thread(this::readLoop, "llmos-link-reader " + name);
    reader.setDaemon(true);
  }

  /**
   * Connects over an open transport: asks for the robot's hello, then keeps the link alive with
   * heartbeats until {@link #close}.
   *
   * @throws IOException when the robot does not say hello within the timeout, or the link fails
   */
  public static RobotLink open(
      Transport transport, SafetyLimits limits, Clock clock, LinkOptions options)
      throws IOException {
    RobotLink link = new RobotLink(transport, limits, clock, options);
    try {
      link.start();
      return link;
    } catch (IOException | RuntimeException e) {
      link.close();
      throw e;
    }
  }

  private void start() throws IOException {
    reader.start();
    long deadline = System.nanoTime() + options.helloTimeout().toNanos();
    Hello answer = null;
    while (answer == null) {
      write(encoder.encode(seqs.next(), new HelloRequest()));
      try {
        answer = hello.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "no hello from a robot at "
                  + transport.address()
                  + " within "
                  + options.helloTimeout().toMillis()
                  + " ms; is it an LLMos robot, powered, and on this port?",
              e);
        }
      } catch (ExecutionException e) {
        throw new IOException(
            "the link to " + transport.address() + " failed: " + e.getCause().getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while connecting to " + transport.address(), e);
      }
    }
    if (answer.protocolVersion() != FrameFormat.VERSION) {
      throw new IOException(
          "the robot at "
              + transport.address()
              + " speaks protocol version "
              + answer.protocolVersion()
              + " and this host speaks "
              + FrameFormat.VERSION
              + "; update the robot's firmware or LLMos so they match");
    }
    SafetyValidator v = new SafetyValidator(limits, answer.capabilities(), clock);
    Telemetry early = latest.get();
    if (early != null) {
      v.observe(early);
    }
    validator = v;
    long periodMs = options.heartbeatInterval().toMillis();
    heartbeats = timer.scheduleAtFixedRate(this::keepAlive, 0, periodMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public Capabilities capabilities() {
    return hello.join().capabilities();
  }

  @Override
  public CompletableFuture<CommandResult> send(Command command) {
    Verdict verdict = validator.check(command);
    if (verdict instanceof Verdict.Refused refused) {
      return CompletableFuture.completedFuture(
          new CommandResult(
              command,
              null,
              CommandResult.Outcome.REFUSED_BY_VALIDATOR,
              refused.rule().name() + ": " + refused.reason()));
    }
    Verdict.Accepted accepted = (Verdict.Accepted) verdict;
    String adjusted =
        accepted.adjustments().stream()
            .map(a -> a.rule().name() + ": " + a.reason())
            .collect(Collectors.joining("; "));
    PendingCommand pending;
    synchronized (outstanding) {
      if (closed) {
        return CompletableFuture.completedFuture(
            new CommandResult(
                command, null, CommandResult.Outcome.NO_ANSWER, "the link is closed"));
      }
      pending = outstanding.send(accepted.command());
    }
    try {
      write(pending.wire());
    } catch (IOException e) {
      // The outstanding entry is resent by the timer or settled as unanswered.
    }
    return pending.outcome().thenApply(outcome -> result(command, outcome, adjusted));
  }

  private CommandResult result(Command requested, CommandOutcome outcome, String adjusted) {
    return switch (outcome.status()) {
      case ACKED ->
          new CommandResult(requested, outcome.command(), CommandResult.Outcome.ACCEPTED, adjusted);
      case NACKED ->
          new CommandResult(
              requested,
              outcome.command(),
              CommandResult.Outcome.REFUSED_BY_ROBOT,
              outcome.nackReason().orElseThrow().name());
      case UNANSWERED ->
          new CommandResult(
              requested,
              outcome.command(),
              CommandResult.Outcome.NO_ANSWER,
              "no acknowledgement after " + outcome.attempts() + " attempts");
    };
  }

  @Override
  public Optional<Telemetry> latest() {
    return Optional.ofNullable(latest.get());
  }

  @Override
  public void onTelemetry(Consumer<Telemetry> listener) {
    telemetryListeners.add(listener);
  }

  @Override
  public void onEvent(Consumer<RobotEvent> listener) {
    eventListeners.add(listener);
  }

  @Override
  public CompletableFuture<CameraFrame> captureFrame() {
    if (capabilities().camera().isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(capabilities().robotId() + " has no camera"));
    }
    CompletableFuture<CameraFrame> frame = new CompletableFuture<>();
    synchronized (frameWaiters) {
      frameWaiters.add(frame);
    }
    return send(new CaptureFrame())
        .thenCompose(
            r -> {
              if (r.accepted()) {
                return frame;
              }
              synchronized (frameWaiters) {
                frameWaiters.removeIf(waiting -> waiting == frame);
              }
              return CompletableFuture.failedFuture(
                  new IllegalStateException("frame request refused: " + r.reason()));
            });
  }

  /** Frames received intact and bytes dropped, for a console or a dashboard. */
  public LinkStats stats() {
    return new LinkStats(decoder.frames(), decoder.totalDrops(), reassembler.completed());
  }

  /** Whether the link is still up. */
  public boolean isOpen() {
    return !closed && transport.isOpen();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (validator != null && transport.isOpen()) {
      try {
        // Leave the robot still; the watchdog would stop it anyway, but later.
        write(encoder.encode(seqs.next(), new CommandMessage(new Stop())));
      } catch (IOException e) {
        // Nothing more to do for a link that is already gone.
      }
    }
    closed = true;
    ScheduledFuture<?> beating = heartbeats;
    if (beating != null) {
      beating.cancel(false);
    }
    timer.shutdownNow();
    transport.close();
    synchronized (outstanding) {
      outstanding.abandonAll();
    }
    synchronized (frameWaiters) {
      frameWaiters.forEach(
          f -> f.completeExceptionally(new IllegalStateException("the link is closed")));
      frameWaiters.clear();
    }
  }

  private void keepAlive() {
    try {
      write(encoder.encode(seqs.next(), new Heartbeat(clock.millis() & Heartbeat.MAX_TIME_MS)));
      List<byte[]> resend;
      synchronized (outstanding) {
        resend = outstanding.due();
      }
      for (byte[] wire : resend) {
        write(wire);
      }
    } catch (IOException | RuntimeException e) {
      // A failed write means the link is going down; the reader notices and closes.
    }
  }

  private void write(byte[] bytes) throws IOException {
    transport.write(bytes);
  }

  private void readLoop() {
    byte[] buffer = new byte[FrameFormat.MAX_ENCODED_BYTES];
    try {
      int n;
      while ((n = transport.read(buffer)) >= 0) {
        decoder.accept(buffer, 0, n);
      }
    } catch (IOException e) {
      // The link is gone; fall through to close.
    }
    hello.completeExceptionally(new IOException("the robot closed the link"));
    close();
  }

  /** Runs on the reader thread; must not throw. */
  private final class Listener implements FrameListener {
    @Override
    public void onFrame(Frame frame) {
      // Messages meant for a robot (heartbeats, commands) are ignored if one is echoed back.
      var message = frame.message();
      if (message instanceof Hello h) {
        hello.complete(h);
      } else if (message instanceof CommandReply reply) {
        settle(reply);
      } else if (message instanceof TelemetryMessage t) {
        telemetry(t.telemetry());
      } else if (message instanceof EventMessage e) {
        eventListeners.forEach(l -> l.accept(e.event()));
      } else if (message instanceof FrameChunk c) {
        chunk(c);
      }
    }
  }

  private void settle(CommandReply reply) {
    synchronized (outstanding) {
      outstanding.onReply(reply);
    }
  }

  private void telemetry(Telemetry t) {
    // The validator sees a sample before anyone else can act on it.
    SafetyValidator v = validator;
    if (v != null) {
      v.observe(t);
    }
    latest.set(t);
    telemetryListeners.forEach(l -> l.accept(t));
  }

  private void chunk(FrameChunk chunk) {
    reassembler
        .accept(chunk)
        .ifPresent(
            frame -> {
              CompletableFuture<CameraFrame> waiter;
              synchronized (frameWaiters) {
                waiter = frameWaiters.poll();
              }
              if (waiter != null) {
                waiter.complete(frame);
              }
            });
  }
}
